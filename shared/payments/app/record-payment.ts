import { eventOf } from '#kernel/events';
import type { Money } from '#kernel/money';
import { orderSnapshot, type PaymentStatus } from '#ordering/index';
import { OrderPaid } from '#ordering/contracts/events';
import { PaymentNeedsReview, PaymentRefundedLate } from '../contracts/events';
import type { PaymentDeps } from './ports';

export interface PaymentFact {
  orderId: string;
  paymentIntentId: string;
  amount: Money;
}

export type SucceededOutcome = 'paid' | 'already_done' | 'refunded_late' | 'flagged' | 'unknown_order';

/**
 * Stripe says the money is there.
 * 1. The amount and currency must be the order total, or the order is flagged for review
 *    (`PaymentNeedsReview`), not paid.
 * 2. `pending_payment → paid` with the invoice number and the stock committed, in one
 *    transaction (see OrderPayments.markPaid); then `OrderPaid` with the full order.
 * 3. Already paid (a duplicate or a late redelivery): nothing happens.
 * 4. Already cancelled (expired before the money came): the payment is refunded in full, once,
 *    and `PaymentRefundedLate` published. Money is never kept for an order we did not honour.
 */
export const recordPaymentSucceeded = async (deps: PaymentDeps, fact: PaymentFact, correlationId: string): Promise<SucceededOutcome> => {
  const now = deps.clock();
  const result = await deps.orderPayments.markPaidIfAmountMatches(fact, now);
  switch (result.outcome) {
    case 'unknown_order':
      return 'unknown_order';
    case 'amount_mismatch':
      if (await deps.orderPayments.flagForReview(fact.orderId, fact.amount, now)) {
        await deps.publisher.publish(
          [eventOf(PaymentNeedsReview, { orderId: fact.orderId, paymentIntentId: fact.paymentIntentId, expected: result.expected, received: fact.amount })],
          correlationId,
        );
      }
      return 'flagged';
    case 'paid': {
      const { order } = result;
      await deps.publisher.publish(
        [eventOf(OrderPaid, { order: { ...orderSnapshot(order), invoiceNumber: order.invoiceNumber ?? '', paidAt: order.paidAt ?? now.toISOString() } })],
        correlationId,
      );
      return 'paid';
    }
    case 'not_pending': {
      if (result.order.status !== 'cancelled') return 'already_done';
      if (result.order.lateRefund) return 'already_done';
      // Stripe's idempotency key makes a redelivered event refund once, not twice.
      const refund = await deps.paymentGateway.createRefund({
        paymentIntentId: fact.paymentIntentId,
        reason: 'requested_by_customer',
        idempotencyKey: `late-refund-${fact.paymentIntentId}`,
        metadata: { orderId: fact.orderId, why: 'order cancelled before payment arrived' },
      });
      if (await deps.orderPayments.recordLateRefund(fact.orderId, refund.refundId, now)) {
        await deps.publisher.publish(
          [eventOf(PaymentRefundedLate, { orderId: fact.orderId, paymentIntentId: fact.paymentIntentId, refundId: refund.refundId, amount: refund.amount })],
          correlationId,
        );
      }
      return 'refunded_late';
    }
  }
};

/**
 * Stripe says the payment needs the customer (3-D Secure), failed, or was canceled. The order
 * shows it while it is still pending; once paid or cancelled, such news changes nothing (a
 * `PaymentFailed` delivered after `PaymentSucceeded` is ignored).
 */
export const recordPaymentStatus = (deps: Pick<PaymentDeps, 'orderPayments' | 'clock'>, fact: PaymentFact, status: PaymentStatus) =>
  deps.orderPayments.setPaymentStatus(fact.orderId, status, deps.clock());
