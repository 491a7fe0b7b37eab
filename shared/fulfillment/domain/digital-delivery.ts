import type { Order, OrderStatus } from '#ordering/domain/order';

/**
 * What paying an order does to its digital goods: they are delivered at once. An order of digital
 * goods only is then `delivered` (and its delivery date set); a mixed one stays `paid` until its
 * parcels are sent. Nothing to do when there is no digital line, when they were delivered already,
 * or when the order is no longer paid (cancelled, refunded).
 */
export const digitalDelivery = (order: Pick<Order, 'status' | 'items' | 'digitalDeliveredAt'>): { status: OrderStatus; whollyDelivered: boolean } | undefined => {
  const digital = order.items.filter((line) => line.type === 'digital');
  if (digital.length === 0 || order.digitalDeliveredAt || order.status !== 'paid') return undefined;
  const whollyDelivered = digital.length === order.items.length;
  return { status: whollyDelivered ? 'delivered' : 'paid', whollyDelivered };
};
