import type { Money } from '#kernel/money';
import type { OrderRefund, RefundStatus } from '#ordering/domain/after-sales';
import type { Order } from '#ordering/domain/order';
import { apportion, refundable } from './refund-amounts';

/**
 * Refunds made in Stripe itself (its dashboard), outside this API. Stripe has given the money
 * back already: the order records the refund as made, then settles it like any other (credit
 * note, `RefundIssued`). Stripe reports it several times (`refund.created`, `refund.updated`…),
 * in any order, any number of times: every report names one refund, whose id derives from Stripe's.
 */

/** The id of the one refund recorded for a refund Stripe made: the same for every report of it. */
export const externalRefundId = (stripeRefundId: string): string => `rf-stripe-${stripeRefundId}`;

/** Stripe's word for a refund, as the refund's state machine reads it; a refund waiting for action holds its money, a canceled one gives it back. */
export const externalRefundStatus = (status: 'pending' | 'succeeded' | 'failed' | 'requires_action' | 'canceled'): RefundStatus =>
  status === 'requires_action' ? 'pending' : status === 'canceled' ? 'failed' : status;

export interface ExternalRefund {
  stripeRefundId: string;
  amount: Money;
  status: RefundStatus;
}

export type ExternalRefundDecision =
  /** Already recorded: the settlement decides what Stripe's news changes. */
  | { decision: 'held'; refund: OrderRefund }
  /** Not recorded: failed or canceled before we heard of it, or of an order that never took money (nothing to give back). */
  | { decision: 'ignored'; why: 'never_made' | 'order_not_paid' }
  /** Not yet: the payment is not recorded on the order yet; asked again later, it will be. */
  | { decision: 'wait' }
  /**
   * Recorded as made (pending until settled), split over the VAT rates as an amount refunded
   * without lines is. `beyond` when Stripe gave back more than the books said was left: the books
   * are wrong, the money is gone all the same, so it is recorded and a person must look.
   */
  | { decision: 'record'; refund: OrderRefund; left: Money; beyond: boolean };

export const decideExternalRefund = (order: Order, reported: ExternalRefund, now: Date): ExternalRefundDecision => {
  const id = externalRefundId(reported.stripeRefundId);
  const held = order.refunds?.find((r) => r.id === id);
  if (held) return { decision: 'held', refund: held };
  if (reported.status === 'failed') return { decision: 'ignored', why: 'never_made' };
  if (!order.paidAt) return order.status === 'pending_payment' ? { decision: 'wait' } : { decision: 'ignored', why: 'order_not_paid' };
  const left = refundable(order);
  const refund: OrderRefund = {
    id,
    amount: reported.amount,
    reason: 'Refunded in Stripe, outside the API',
    status: 'pending',
    createdAt: now.toISOString(),
    lines: apportion(order, reported.amount),
    stripeRefundId: reported.stripeRefundId,
    external: true,
  };
  return { decision: 'record', refund, left, beyond: reported.amount.currency !== left.currency || reported.amount.amount > left.amount };
};
