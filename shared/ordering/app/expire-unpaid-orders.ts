import { isLowStock, type ProductReader } from '#catalog/index';
import { StockChanged } from '#catalog/contracts/events';
import { eventOf, type OutgoingEvent } from '#kernel/events';
import { OrderCancelled } from '../contracts/events';
import { reservedUnits, type Order } from '../domain/order';
import { orderSnapshot } from './order-view';
import type { ExpiryDeps } from './ports';

/** Orders handled per run; the schedule runs every minute, so a backlog drains quickly. */
const BATCH = 50;

/**
 * Cancels the orders still unpaid when their payment was due (run by the scheduler).
 * For each: 1. cancel it and give its stock back, in one transaction that only succeeds if it
 * is still `pending_payment` (a payment that just landed wins); 2. cancel its PaymentIntent so
 * it can no longer be paid (a success that still slips through is refunded by the payments
 * worker); 3. publish `OrderCancelled` and a `StockChanged` per product given back.
 * Output: the ids of the orders cancelled.
 */
export const expireUnpaidOrders = async (
  deps: ExpiryDeps,
  correlationId: string,
): Promise<string[]> => {
  const now = deps.clock();
  const due = await deps.orders.listUnpaidDue(now, BATCH);
  const cancelled: string[] = [];
  for (const order of due) {
    if (!(await deps.orders.cancelUnpaid(order, 'payment_expired', now))) continue;
    cancelled.push(order.id);
    await deps.paymentGateway.cancelPaymentIntent(order.payment.paymentIntentId, `expire-${order.id}`).catch(() => undefined);
    const events: OutgoingEvent[] = [
      eventOf(OrderCancelled, {
        order: orderSnapshot({ ...order, status: 'cancelled', updatedAt: now.toISOString() } satisfies Order),
        reason: 'payment_expired',
      }),
      ...(await stockEvents(deps.products, order)),
    ];
    await deps.publisher.publish(events, correlationId);
  }
  return cancelled;
};

const stockEvents = async (products: ProductReader, order: Order): Promise<OutgoingEvent[]> => {
  const events: OutgoingEvent[] = [];
  for (const { sku, quantity } of reservedUnits(order)) {
    const product = await products.get(sku);
    if (!product) continue;
    const available = product.available ?? 0;
    events.push(eventOf(StockChanged, { sku, previous: available - quantity, available, reason: 'order_cancelled', low: isLowStock(available) }));
  }
  return events;
};
