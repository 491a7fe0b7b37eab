import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { annotateOrder, awaitingPayment, transitionOrder, type Order, type OrderRepository, type OrderStatus } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { nextInSeries, readSeriesCounter } from '#runtime/dynamodb/gap-free-series';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { claimItem } from '#runtime/dynamodb/processed-events';
import { releaseHeld } from '#runtime/dynamodb/rate-limits';
import { CONTENDED_ATTEMPTS, pauseAfterLostRace } from '#runtime/dynamodb/transactions';
import type { OutboxEntry } from '#runtime/outbox';
import type { OrderPayments } from '../app/ports';
import { invoiceSeries } from './invoice-series';
import { shopYear } from '#kernel/shop-time';

/** The name the payments worker remembers the events it applied under. */
const CONSUMER = 'record-payment';

const guarded = async (run: () => Promise<unknown>): Promise<boolean> => {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/**
 * A review flag may land on an order in any status: a PaymentIntent claiming an order that is
 * already paid or cancelled must be looked at too. Written as a record so that a new status
 * fails to compile here until someone decides.
 */
const anyStatus = Object.keys({
  pending_payment: true,
  paid: true,
  partially_shipped: true,
  shipped: true,
  delivered: true,
  cancelled: true,
  partially_refunded: true,
  refunded: true,
} satisfies Record<OrderStatus, true>) as OrderStatus[];

/** The payments worker's writes on orders; reads go through ordering's repository. */
export const createOrderPayments = (db: DocumentClient, tableName: string, orders: Pick<OrderRepository, 'get'>): OrderPayments => {
  const annotate = (orderId: string, guard: Parameters<typeof annotateOrder>[2], fields: Record<string, unknown>) =>
    guarded(() => db.send(new UpdateCommand(annotateOrder(tableName, orderId, guard, fields).Update)));
  /** The same, with facts written in its transaction: both or neither. */
  const annotateWith = async (orderId: string, guard: Parameters<typeof annotateOrder>[2], fields: Record<string, unknown>, facts: readonly OutboxEntry[]) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [annotateOrder(tableName, orderId, guard, fields), ...putOutboxEntries(tableName, facts)] }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  };

  return {
    async markPaidIfMatches({ orderId, paymentIntentId, amount, eventId }, now, factsOf, sellerNow) {
      const series = invoiceSeries(tableName, shopYear(now));
      for (let attempt = 0; attempt < CONTENDED_ATTEMPTS; attempt++) {
        // The order, the counter and the seller (the settings, behind a short cache) at once: one
        // round trip to DynamoDB, not three, in every attempt.
        const [found, counter, seller] = await Promise.all([
          orders.get(orderId),
          readSeriesCounter(db, series),
          sellerNow(),
        ]);
        const order = found?.order;
        if (!order) return { outcome: 'unknown_order' };
        const total = order.totals.total;
        // Checked before the status: another order's PaymentIntent must never pay this one, nor be
        // refunded as if this order's money had come late. An order's PaymentIntent never changes,
        // so reading it here leaves no race.
        if (order.payment.paymentIntentId !== paymentIntentId) return { outcome: 'needs_review', reason: 'payment_intent_mismatch', expected: total, order };
        if (order.status !== 'pending_payment') return { outcome: 'not_pending', order };
        if (total.amount !== amount.amount || total.currency !== amount.currency) return { outcome: 'needs_review', reason: 'amount_mismatch', expected: total, order };
        // The invoice is dated now, or as the invoice before it if that is later (see nextInSeries).
        const { number: invoiceNumber, issuedAt: paidAt, take } = nextInSeries(series, counter, now);
        const at = paidAt.toISOString();
        // The seller as configured now is the one its invoice will print, whatever changes later.
        const paid: Order = { ...order, status: 'paid', invoiceNumber, paidAt: at, updatedAt: at, payment: { ...order.payment, status: 'succeeded' }, ...(seller && { seller }) };
        try {
          // Gap-free numbering: the counter only moves from the value we read, in the same
          // transaction that marks the order paid. Two payments racing: one wins, the other
          // reads again and takes the next number. No number is ever taken and then lost.
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                take,
                // No product: its units left `available` at checkout, and the units reserved are
                // counted from the pending orders, so this move out of `pending_payment` is the sale.
                transitionOrder(tableName, order, { from: ['pending_payment'], to: 'paid', at }, { invoiceNumber, paidAt: at, 'payment.status': 'succeeded', ...(seller && { seller }) }),
                // Paid: the client's slots of unpaid orders are free again.
                ...(order.holds ?? []).map((key) => releaseHeld(tableName, key)),
                // The event is remembered as applied in the same transaction, with the facts it
                // leads to: a copy of it fails here. Without an event id, the facts go on their own.
                ...(eventId ? [claimItem(tableName, CONSUMER, eventId, paidAt, factsOf(paid))] : putOutboxEntries(tableName, factsOf(paid))),
              ],
            }),
          );
          return { outcome: 'paid', order: paid };
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          // This very event was applied already (a concurrent copy won): nothing more to do.
          if (eventId && error.CancellationReasons?.at(-1)?.Code === 'ConditionalCheckFailed') return { outcome: 'not_pending', order };
          // Someone else took this invoice number, or the order moved on: read again.
          await pauseAfterLostRace(attempt);
        }
      }
      throw new Error(`Could not take an invoice number for order ${orderId} after ${CONTENDED_ATTEMPTS} attempts (the queue delivers the payment again).`);
    },

    async setPaymentStatus({ orderId, paymentIntentId }, status, now) {
      const order = (await orders.get(orderId))?.order;
      if (!order) return 'unknown_order';
      // News about another PaymentIntent (a failure, 3-D Secure) says nothing about this order.
      if (order.payment.paymentIntentId !== paymentIntentId) return 'payment_intent_mismatch';
      // Already shown (a duplicate, a replay): nothing to write, not even `updatedAt`.
      if (order.payment.status === status) return 'unchanged';
      // A cancelled order's PaymentIntent is cancelled after it (expiry, the back office): that
      // news lands on the cancelled order too, so that it does not show the payment still open.
      const statuses = status === 'canceled' ? [...awaitingPayment, 'cancelled' as const] : awaitingPayment;
      return (await annotate(orderId, { statuses, at: now.toISOString() }, { 'payment.status': status })) ? 'recorded' : 'not_pending';
    },

    flagForReview: (orderId, { reason, paymentIntentId, received }, now, facts) =>
      annotateWith(orderId, { statuses: anyStatus, once: 'review', at: now.toISOString() }, { review: { reason, paymentIntentId, received, at: now.toISOString() } }, facts),

    recordLateRefund: (orderId, refundId, now, facts) =>
      annotateWith(orderId, { statuses: ['cancelled'], once: 'lateRefund', at: now.toISOString() }, { lateRefund: { refundId, at: now.toISOString() } }, facts),
  };
};
