import type { Order, OrderStatus } from '#ordering/domain/order';
import { downloadable } from './downloads';

/**
 * What delivering an order's digital goods writes (on `OrderPaid`, which may come after the order
 * moved on): they are delivered to any order whose downloads are open, shipped or refunded in part
 * since it was paid. An order of digital goods only has then received everything: its delivery
 * date is set, and a `paid` one becomes `delivered` (a refund in part keeps its status, which says
 * where the money is). A mixed order keeps its status and delivery date: its parcels say where the
 * rest is. Nothing to do without a digital line, once delivered, before payment, or once cancelled
 * or refunded in full.
 */
export const digitalDelivery = (
  order: Pick<Order, 'status' | 'items' | 'digitalDeliveredAt'>,
  now: Date,
): { status: OrderStatus; digitalDeliveredAt: string; deliveredAt?: string } | undefined => {
  const digital = order.items.filter((line) => line.type === 'digital');
  if (digital.length === 0 || order.digitalDeliveredAt || !downloadable.includes(order.status)) return undefined;
  const at = now.toISOString();
  if (digital.length < order.items.length) return { status: order.status, digitalDeliveredAt: at };
  return { status: order.status === 'paid' ? 'delivered' : order.status, digitalDeliveredAt: at, deliveredAt: at };
};
