import { UnprocessableError } from '#kernel/errors';
import { eventOf, type OutgoingEvent } from '#kernel/events';
import { factsOf } from '#runtime/outbox';
import { orderNamed, orderSnapshot, type PaymentStatus } from '#ordering/index';
import { OrderPaid } from '#ordering/contracts/events';
import { PaymentNeedsReview, PaymentRefundedLate } from '../contracts/events';
import type { PaymentIntentStatus } from '../domain/payment';
import type { PaymentDeps, PaymentFact } from './ports';

export type SucceededOutcome = 'paid' | 'already_done' | 'refunded_late' | 'flagged' | 'unknown_order';

/**
 * Stripe says the money is there.
 * 1. The PaymentIntent must be the one created for the order, and the amount and currency its
 *    total; otherwise the order is flagged for review (`PaymentNeedsReview`, with the reason),
 *    never paid, and nothing is refunded: a PaymentIntent that is not the order's own is none of
 *    its business.
 * 2. `pending_payment → paid` with the invoice number (its units no longer reserved: sold), in one
 *    transaction (see OrderPayments.markPaidIfMatches) that also writes `OrderPaid` with the full
 *    order (outbox): the order is never paid without its fact, nor the fact published twice.
 * 3. Already paid (a duplicate or a late redelivery): nothing happens.
 * 4. Cancelled before it was ever paid (expired, or cancelled by the shop, before the money came):
 *    the payment is refunded in full, once, and `PaymentRefundedLate` published. An order paid and
 *    then cancelled is case 3: its cancellation refunds it, with its credit note. Money is never kept for an order we did not honour.
 */
export const recordPaymentSucceeded = async (deps: PaymentDeps, fact: PaymentFact, correlationId: string): Promise<SucceededOutcome> => {
  const now = deps.clock();
  const facts = (...events: OutgoingEvent[]) => factsOf(events, { ids: deps.ids, correlationId, now });
  const result = await deps.orderPayments.markPaidIfMatches(
    fact,
    now,
    // It occurred when its invoice is dated (`paidAt`, which may follow the invoice before it): by
    // their time, `OrderPaid` events list invoices in the order of their numbers.
    (order) =>
      factsOf([eventOf(OrderPaid, { order: { ...orderSnapshot(order), invoiceNumber: order.invoiceNumber ?? '', paidAt: order.paidAt ?? now.toISOString() } })], {
        ids: deps.ids,
        correlationId,
        now: order.paidAt ? new Date(order.paidAt) : now,
      }),
    async () => (await deps.settings()).seller,
  );
  switch (result.outcome) {
    case 'unknown_order':
      return 'unknown_order';
    case 'needs_review': {
      const review = { reason: result.reason, paymentIntentId: fact.paymentIntentId, received: fact.amount };
      // Flagged once: a redelivered webhook publishes nothing more.
      await deps.orderPayments.flagForReview(fact.orderId, review, now, facts(eventOf(PaymentNeedsReview, { orderId: fact.orderId, ...orderNamed(result.order), expected: result.expected, ...review })));
      return 'flagged';
    }
    case 'paid':
      return 'paid';
    case 'not_pending': {
      // Paid before it was cancelled (the shop's cancel, a refund of its own): this is that same
      // payment told again, a redelivery or a replay, and the cancellation refunds it, not this.
      if (result.order.status !== 'cancelled' || result.order.paidAt !== undefined) return 'already_done';
      if (result.order.lateRefund) return 'already_done';
      // Stripe's idempotency key makes a redelivered event refund once, not twice.
      const refund = await deps.paymentGateway.createRefund({
        paymentIntentId: fact.paymentIntentId,
        reason: 'requested_by_customer',
        idempotencyKey: `late-refund-${fact.paymentIntentId}`,
        metadata: { orderId: fact.orderId, why: 'order cancelled before payment arrived' },
      });
      await deps.orderPayments.recordLateRefund(
        fact.orderId,
        refund.refundId,
        now,
        facts(eventOf(PaymentRefundedLate, { orderId: fact.orderId, ...orderNamed(result.order), paymentIntentId: fact.paymentIntentId, refundId: refund.refundId, amount: refund.amount })),
      );
      return 'refunded_late';
    }
  }
};

/** The PaymentIntent's statuses in which each piece of news still holds: news it has moved past is stale. */
const stillTrueIn: Partial<Record<PaymentStatus, readonly PaymentIntentStatus[]>> = {
  // A declined attempt leaves it waiting for another payment method.
  failed: ['requires_payment_method'],
  requires_action: ['requires_action'],
};

/**
 * Stripe says the payment needs the customer (3-D Secure), failed, or was canceled. The order
 * shows it while it is still pending, and only when the PaymentIntent is the order's own; once
 * paid or cancelled, such news changes nothing (a `PaymentFailed` delivered after
 * `PaymentSucceeded` is ignored). A failure or a 3-D Secure request may also come after what
 * followed it (a decline's webhook redelivered once the customer is at 3-D Secure): Stripe is
 * asked where the PaymentIntent stands, and news it has moved past changes nothing. A cancel is
 * final, and news the order already shows writes nothing. True when the order changed.
 */
export const recordPaymentStatus = async (
  deps: Pick<PaymentDeps, 'orderPayments' | 'clock' | 'paymentGateway'>,
  fact: Pick<PaymentFact, 'orderId' | 'paymentIntentId'>,
  status: PaymentStatus,
): Promise<boolean> => {
  const holdsIn = stillTrueIn[status];
  if (holdsIn) {
    const atStripe = await statusAtStripe(deps, fact.paymentIntentId);
    if (atStripe === 'unknown' || !holdsIn.includes(atStripe)) return false;
  }
  return showPaymentStatus(deps, fact, status);
};

/** The order shows where its payment stands, as Stripe said it just now (reconciliation asked it). True when the order changed. */
export const showPaymentStatus = async (
  deps: Pick<PaymentDeps, 'orderPayments' | 'clock'>,
  fact: Pick<PaymentFact, 'orderId' | 'paymentIntentId'>,
  status: PaymentStatus,
): Promise<boolean> => (await deps.orderPayments.setPaymentStatus(fact, status, deps.clock())) === 'recorded';

/** Where the PaymentIntent stands; one Stripe does not know (none of ours) holds no news. Stripe down: thrown, the news comes again. */
const statusAtStripe = async (deps: Pick<PaymentDeps, 'paymentGateway'>, paymentIntentId: string): Promise<PaymentIntentStatus | 'unknown'> => {
  try {
    return (await deps.paymentGateway.retrievePaymentIntent(paymentIntentId)).status;
  } catch (error) {
    if (error instanceof UnprocessableError) return 'unknown';
    throw error;
  }
};
