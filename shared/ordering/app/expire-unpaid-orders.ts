import { ConflictError, UnprocessableError } from '#kernel/errors';
import { factsOf } from '#runtime/outbox';
import { cancelledUnpaid, type Order } from '../domain/order';
import { orderCancelled } from './order-cancelled';
import type { ExpiryDeps } from './ports';

/** Orders handled per run; the schedule runs every minute, so a backlog drains quickly. */
const BATCH = 50;

/**
 * Cancels the orders still unpaid when their payment was due (run by the scheduler).
 * For each: 1. its PaymentIntent is cancelled at Stripe first, so that nothing can pay it once
 * the order is gone; if Stripe will not cancel it because the money came (a payment made in time
 * whose webhook is late, or still processing), the order is left to its payment, which the webhook
 * or the reconciliation records; if Stripe does not answer, the order waits for the next run;
 * 2. the order is cancelled (its payment shown canceled), its stock given back and `OrderCancelled`
 * written, in one transaction that only succeeds if it is still `pending_payment`; the inventory
 * worker reports the stock given back from that fact.
 * Output: the ids of the orders cancelled.
 */
export const expireUnpaidOrders = async (deps: ExpiryDeps, correlationId: string): Promise<string[]> => {
  const now = deps.clock();
  const due = await deps.orders.listUnpaidDue(now, BATCH);
  const cancelled: string[] = [];
  for (const order of due) {
    if ((await stopPayment(deps, order)) !== 'stopped') continue;
    const facts = factsOf([orderCancelled(cancelledUnpaid(order, 'payment_expired', now), 'payment_expired')], { ids: deps.ids, correlationId, now });
    if (await deps.orders.cancelUnpaid(order, 'payment_expired', now, facts)) cancelled.push(order.id);
  }
  return cancelled;
};

/**
 * What became of an expiring order's PaymentIntent when asked to cancel it: `stopped` (cancelled,
 * now or before, or unknown to Stripe: nothing can pay it), `paying` (Stripe refused because it
 * succeeded or is processing), or `unknown` (Stripe did not answer).
 */
const stopPayment = async (deps: ExpiryDeps, order: Order): Promise<'stopped' | 'paying' | 'unknown'> => {
  const refusedByStripe = (error: unknown) => error instanceof UnprocessableError || error instanceof ConflictError;
  try {
    await deps.paymentGateway.cancelPaymentIntent(order.payment.paymentIntentId, `expire-${order.id}`);
    return 'stopped';
  } catch (error) {
    if (!refusedByStripe(error)) return 'unknown';
  }
  try {
    const intent = await deps.paymentGateway.retrievePaymentIntent(order.payment.paymentIntentId);
    return intent.status === 'canceled' ? 'stopped' : 'paying';
  } catch (error) {
    // Stripe knows no such PaymentIntent (a 404 is an invalid request to the SDK): nothing can pay it.
    return refusedByStripe(error) ? 'stopped' : 'unknown';
  }
};
