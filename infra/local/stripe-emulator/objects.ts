import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { localClock } from '../clock';

/**
 * The emulator's objects are Stripe's own types (so the compiler checks that every field Stripe
 * always sends is there, with its type), with the expandable references narrowed to ids.
 */
export interface PaymentIntent extends Stripe.PaymentIntent {
  latest_charge: string | null;
  payment_method: string | null;
  customer: string | null;
}

export interface Charge extends Stripe.Charge {
  payment_intent: string | null;
  balance_transaction: string | null;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';
export interface Refund extends Stripe.Refund {
  charge: string | null;
  payment_intent: string | null;
  payment_method: string | null;
  status: RefundStatus;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
/** `created` and other timestamps follow the local runtime's clock, which `POST /dev/clock` moves. */
export const now = () => Math.floor(localClock.now() / 1000);

export interface IntentParams {
  amount: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  customer: string | null;
  automaticPaymentMethods: boolean;
  paymentMethodTypes: string[];
  paymentMethod: string | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  transferGroup: string | null;
  setupFutureUsage: Stripe.PaymentIntent.SetupFutureUsage | null;
}

/** A new PaymentIntent as Stripe returns it from `POST /v1/payment_intents`. */
export const newPaymentIntent = (p: IntentParams): PaymentIntent => {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: p.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: 'automatic',
    created: now(),
    currency: p.currency,
    customer: p.customer,
    customer_account: null,
    description: p.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: p.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: p.paymentMethod,
    payment_method_configuration_details: p.automaticPaymentMethods ? { id: 'pmc_emulator_default', parent: null } : null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: p.paymentMethodTypes,
    payment_record: null,
    processing: null,
    receipt_email: p.receiptEmail,
    review: null,
    setup_future_usage: p.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: p.statementDescriptor,
    statement_descriptor_suffix: p.statementDescriptorSuffix,
    status: p.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: p.transferGroup,
  };
};

export interface RefundParams {
  amount: number;
  charge: Charge;
  status: RefundStatus;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}

/** A new Refund of a card charge, as Stripe returns it from `POST /v1/refunds`. */
export const newRefund = (p: RefundParams): Refund => ({
  id: newId('re'),
  object: 'refund',
  amount: p.amount,
  balance_transaction: newId('txn'),
  charge: p.charge.id,
  created: now(),
  currency: p.charge.currency,
  customer: p.charge.customer,
  customer_account: null,
  destination_details: { type: 'card', card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' } },
  metadata: p.metadata,
  payment_intent: p.charge.payment_intent,
  payment_method: p.charge.payment_method,
  reason: p.reason,
  receipt_number: null,
  source_transfer_reversal: null,
  status: p.status,
  transfer_reversal: null,
});

/** A list object, as Stripe pages it (`limit`, `starting_after`, `ending_before`), newest first. */
export const listOf = <T extends { id: string; created: number }>(items: readonly T[], url: string, page: { limit?: number; startingAfter?: string; endingBefore?: string }) => {
  const sorted = [...items].reverse();
  let from = 0;
  let to = sorted.length;
  if (page.startingAfter) from = sorted.findIndex((x) => x.id === page.startingAfter) + 1;
  if (page.endingBefore) to = Math.max(0, sorted.findIndex((x) => x.id === page.endingBefore));
  const limit = page.limit ?? 10;
  const data = page.endingBefore && !page.startingAfter ? sorted.slice(Math.max(from, to - limit), to) : sorted.slice(from, Math.min(to, from + limit));
  const last = data.at(-1);
  return { object: 'list' as const, data, has_more: last !== undefined && sorted.indexOf(last) < to - 1, url };
};
