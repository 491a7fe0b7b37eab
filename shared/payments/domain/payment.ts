import type { Money } from '#kernel/money';

/** A PaymentIntent's status, in Stripe's words. */
export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export interface PaymentIntentView {
  paymentIntentId: string;
  status: PaymentIntentStatus;
  amount: Money;
  /** Minor units actually received (0 until it succeeds). */
  amountReceived: number;
  orderId?: string;
}

/** A refund as Stripe holds it now, with the order its PaymentIntent's metadata names. */
export interface RefundView {
  refundId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'requires_action' | 'canceled';
  amount: Money;
  failureReason?: string;
  paymentIntentId?: string;
  orderId?: string;
}

/**
 * The payment provider, as the use cases see it (Stripe is the one adapter). Declared with the
 * domain's types so that ordering can use it without depending on how payments are recorded.
 */
export interface PaymentGateway {
  createPaymentIntent(input: {
    orderId: string;
    /** Kept in the PaymentIntent's metadata beside `orderId`, so that its events name the order as people do. */
    orderNumber: string;
    amount: Money;
    customerEmail?: string;
    description?: string;
    idempotencyKey: string;
  }): Promise<{ paymentIntentId: string; clientSecret: string; status: PaymentIntentStatus }>;
  retrievePaymentIntent(paymentIntentId: string): Promise<PaymentIntentView>;
  cancelPaymentIntent(paymentIntentId: string, idempotencyKey: string): Promise<PaymentIntentView>;
  createRefund(input: {
    paymentIntentId: string;
    amount?: Money;
    reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<{ refundId: string; status: 'pending' | 'succeeded' | 'failed'; amount: Money }>;
  retrieveRefund(stripeRefundId: string): Promise<RefundView>;
}

/** What Stripe says of a refund, whoever asked for it. */
interface RefundNews {
  stripeRefundId: string;
  status: 'pending' | 'succeeded' | 'failed' | 'requires_action' | 'canceled';
  amount: Money;
  failureReason?: string;
  occurredAt: string;
  stripeEventId: string;
}

/** What Stripe says of a PaymentIntent, with what it holds of the order (no read of ours). */
interface PaymentIntentNews {
  paymentIntentId: string;
  orderId: string;
  /** Absent from PaymentIntents created before checkout kept it in their metadata. */
  orderNumber?: string;
  /** The PaymentIntent's `receipt_email`: the order's email, given at checkout. */
  customerEmail?: string;
  amount: Money;
  occurredAt: string;
  stripeEventId: string;
}

/** Why a payment failed, in Stripe's words (its `last_payment_error`), each when Stripe gives it. */
interface PaymentFailure {
  /** `last_payment_error.code`: `card_declined`, `expired_card`, `incorrect_cvc`… */
  failureCode?: string;
  /** `last_payment_error.decline_code`, the bank's reason for a declined card: `generic_decline`, `insufficient_funds`… */
  declineCode?: string;
  /** `last_payment_error.message`: for a card error, fit to show the customer. */
  reason?: string;
}

/** A verified provider event, translated into what it means for an order. */
export type PaymentAction =
  | ({ kind: 'succeeded' | 'canceled' } & PaymentIntentNews)
  | ({ kind: 'failed' } & PaymentIntentNews & PaymentFailure)
  /** `nextActionType`: Stripe's `next_action.type` (`use_stripe_sdk`, `redirect_to_url`…). */
  | ({ kind: 'requires_action'; nextActionType?: string } & PaymentIntentNews)
  | ({ kind: 'refund'; orderId: string; refundId: string } & RefundNews)
  /** A refund made in Stripe itself (its dashboard), not asked through us: no ids of ours, only its PaymentIntent. */
  | ({ kind: 'external_refund'; paymentIntentId: string } & RefundNews)
  | { kind: 'ignored'; type: string };
