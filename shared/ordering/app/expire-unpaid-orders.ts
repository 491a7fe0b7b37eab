import { factsOf } from '#runtime/outbox';
import type { Order } from '../domain/order';
import { orderCancelled } from './order-cancelled';
import type { ExpiryDeps } from './ports';

/** Orders handled per run; the schedule runs every minute, so a backlog drains quickly. */
const BATCH = 50;

/**
 * Cancels the orders still unpaid when their payment was due (run by the scheduler).
 * For each: 1. cancel it, give its stock back and write `OrderCancelled`, in one transaction
 * that only succeeds if it is still `pending_payment` (a payment that just landed wins); the
 * inventory worker reports the stock given back from that fact; 2. cancel its PaymentIntent so
 * it can no longer be paid (a success that still slips through is refunded by the payments worker).
 * Output: the ids of the orders cancelled.
 */
export const expireUnpaidOrders = async (deps: ExpiryDeps, correlationId: string): Promise<string[]> => {
  const now = deps.clock();
  const due = await deps.orders.listUnpaidDue(now, BATCH);
  const cancelled: string[] = [];
  for (const order of due) {
    const expired: Order = { ...order, status: 'cancelled', updatedAt: now.toISOString() };
    const facts = factsOf([orderCancelled(expired, 'payment_expired')], { ids: deps.ids, correlationId, now });
    if (!(await deps.orders.cancelUnpaid(order, 'payment_expired', now, facts))) continue;
    cancelled.push(order.id);
    await deps.paymentGateway.cancelPaymentIntent(order.payment.paymentIntentId, `expire-${order.id}`).catch(() => undefined);
  }
  return cancelled;
};
