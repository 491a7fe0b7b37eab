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

/** A verified provider event, translated into what it means for an order. */
export type PaymentAction =
  | {
      kind: 'succeeded' | 'failed' | 'requires_action' | 'canceled';
      paymentIntentId: string;
      orderId: string;
      amount: Money;
      occurredAt: string;
      stripeEventId: string;
    }
  | { kind: 'ignored'; type: string };
