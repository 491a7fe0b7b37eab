import type Stripe from 'stripe';

/** What a test PaymentMethod does when it pays, and when its payment is refunded. */
export interface TestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  decline?: { decline_code: string; message: string };
  /** Needs 3-D Secure: the first confirmation asks for it, the next one completes. */
  authentication?: true;
  /** `pending`: refunds start pending and succeed later; `fail`: they look succeeded, then fail. */
  refunds?: 'pending' | 'fail';
}

/** Stripe's test PaymentMethods (https://docs.stripe.com/testing) that we model. */
export const testCards: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit' },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', funding: 'debit' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', funding: 'credit' },
  pm_card_amex: { brand: 'amex', last4: '8431', funding: 'credit' },
  pm_card_bypassPending: { brand: 'visa', last4: '0077', funding: 'credit' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', funding: 'credit', decline: { decline_code: 'generic_decline', message: 'Your card was declined.' } },
  pm_card_visa_chargeDeclined: { brand: 'visa', last4: '0002', funding: 'credit', decline: { decline_code: 'generic_decline', message: 'Your card was declined.' } },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    funding: 'credit',
    decline: { decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', funding: 'credit', authentication: true },
  pm_card_pendingRefund: { brand: 'visa', last4: '7726', funding: 'credit', refunds: 'pending' },
  pm_card_refundFail: { brand: 'visa', last4: '5126', funding: 'credit', refunds: 'fail' },
};

export const cardOf = (paymentMethod: string | null): TestCard | undefined =>
  paymentMethod && Object.hasOwn(testCards, paymentMethod) ? testCards[paymentMethod] : undefined;

const nullAddress: Stripe.Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

export const billingDetails = (): Stripe.Charge.BillingDetails => ({ address: nullAddress, email: null, name: null, phone: null, tax_id: null });

/** `payment_method_details` of a card charge, as Stripe fills it for a test card. */
export const cardDetails = (card: TestCard, options: { amount: number; paid: boolean; authenticated: boolean }): Stripe.Charge.PaymentMethodDetails => ({
  type: 'card',
  card: {
    amount_authorized: options.paid ? options.amount : null,
    authorization_code: options.paid ? '123456' : null,
    brand: card.brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'US',
    exp_month: 12,
    exp_year: new Date().getUTCFullYear() + 3,
    extended_authorization: { status: 'disabled' },
    fingerprint: `fp_${card.last4}emulated`,
    funding: card.funding,
    incremental_authorization: { status: 'unavailable' },
    installments: null,
    last4: card.last4,
    mandate: null,
    multicapture: { status: 'unavailable' },
    network: card.brand,
    network_token: { used: false },
    network_transaction_id: options.paid ? '1041029786787710' : null,
    overcapture: { maximum_amount_capturable: options.amount, status: 'unavailable' },
    regulated_status: 'unregulated',
    three_d_secure: options.authenticated
      ? { authentication_flow: 'challenge', electronic_commerce_indicator: '05', exemption_indicator: null, result: 'authenticated', result_reason: null, transaction_id: '00000000-0000-0000-0000-000000000000', version: '2.2.0' }
      : null,
    electronic_commerce_indicator: options.authenticated ? '05' : null,
    transaction_link_id: null,
    wallet: null,
  },
});
