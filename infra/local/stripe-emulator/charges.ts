import { billingDetails, cardDetails, type TestCard } from './cards';
import { missing } from './errors';
import { newId, now, type Charge, type PaymentIntent } from './objects';

/**
 * Charges: one per attempt to pay a PaymentIntent (succeeded or failed). `latest_charge` points
 * at the last one; refunds are counted in `amount_refunded` (pending and succeeded ones, not failed).
 */
export class Charges {
  readonly all = new Map<string, Charge>();

  get(chargeId: string, param = 'id'): Charge {
    const charge = this.all.get(chargeId);
    if (!charge) throw missing('charge', chargeId, param, param === 'id' ? 404 : 400);
    return charge;
  }

  /** The charge of a payment attempt with a test card: captured at once, or declined. */
  attempt(intent: PaymentIntent, paymentMethod: string, card: TestCard, authenticated: boolean): Charge {
    const paid = !card.decline;
    const charge: Charge = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: paid ? intent.amount : 0,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: paid ? newId('txn') : null,
      billing_details: billingDetails(),
      calculated_statement_descriptor: intent.statement_descriptor ?? 'EMULATOR',
      captured: paid,
      created: now(),
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: card.decline ? 'card_declined' : null,
      failure_message: card.decline?.message ?? null,
      fraud_details: {},
      livemode: false,
      metadata: { ...intent.metadata },
      on_behalf_of: null,
      outcome: card.decline
        ? {
            advice_code: null,
            network_advice_code: null,
            network_decline_code: null,
            network_status: 'declined_by_network',
            reason: card.decline.decline_code,
            risk_level: 'normal',
            risk_score: 24,
            seller_message: 'The bank did not return any further details with this decline.',
            type: 'issuer_declined',
          }
        : {
            advice_code: null,
            network_advice_code: null,
            network_decline_code: null,
            network_status: 'approved_by_network',
            reason: null,
            risk_level: 'normal',
            risk_score: 24,
            seller_message: 'Payment complete.',
            type: 'authorized',
          },
      paid,
      payment_intent: intent.id,
      payment_method: paymentMethod,
      payment_method_details: cardDetails(card, { amount: intent.amount, paid, authenticated }),
      radar_options: {},
      receipt_email: intent.receipt_email,
      receipt_number: null,
      receipt_url: paid ? `https://pay.stripe.com/receipts/payment/emulated_${intent.id}` : null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: intent.statement_descriptor,
      statement_descriptor_suffix: intent.statement_descriptor_suffix,
      status: paid ? 'succeeded' : 'failed',
      transfer_data: null,
      transfer_group: intent.transfer_group,
    };
    this.all.set(charge.id, charge);
    return charge;
  }

  /** What is left to refund on this charge. */
  refundable(charge: Charge): number {
    return charge.amount_captured - charge.amount_refunded;
  }

  /** Counts (or, with a negative amount, gives back) a refund; returns what changed, for `previous_attributes`. */
  addRefunded(charge: Charge, amount: number): { amount_refunded: number; refunded: boolean } {
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    return previous;
  }
}
