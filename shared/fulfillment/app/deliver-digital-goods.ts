import { eventOf } from '#kernel/events';
import { orderSnapshot } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { DigitalGoodsDelivered } from '../contracts/events';
import { digitalDelivery } from '../domain/digital-delivery';
import { changeOrder } from '#ordering/index';
import type { FulfillmentDeps } from './ports';

/**
 * Delivers the digital goods of a paid order, at once (on `OrderPaid`).
 * 1. Reads the order as it is now (the event may be late, duplicated or replayed, and the order
 *    shipped or refunded in part since); nothing to do without digital lines, once delivered, or
 *    if it no longer holds them (cancelled, refunded in full).
 * 2. One transaction, only if the order did not change since it was read: `digitalDeliveredAt`, the
 *    order delivered when it holds digital goods only, and `DigitalGoodsDelivered` (the customer
 *    is emailed the links from that fact). Two copies of the event at once: one writes, the other
 *    reads again and finds it done.
 * Output: whether this call delivered them.
 */
export const deliverDigitalGoods = (deps: FulfillmentDeps, orderId: string, correlationId: string): Promise<boolean> =>
  changeOrder(deps, orderId, (order, now) => {
    const delivery = digitalDelivery(order, now);
    if (!delivery) return { result: false };
    const { status, ...fields } = delivery;
    const at = now.toISOString();
    const delivered = { ...order, ...fields, status, updatedAt: at };
    const items = order.items.filter((line) => line.type === 'digital').map(({ sku, name, quantity }) => ({ sku, name, quantity }));
    const facts = factsOf([eventOf(DigitalGoodsDelivered, { order: orderSnapshot(delivered), items })], { ids: deps.ids, correlationId, now });
    return { change: { status, fields, at, facts }, result: true };
  });
