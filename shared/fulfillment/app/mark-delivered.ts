import { eventOf } from '#kernel/events';
import { orderSnapshot, orderView } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { OrderDelivered } from '../contracts/events';
import { recordDelivery } from '../domain/shipment';
import { changeOrder } from '#ordering/index';
import type { FulfillmentDeps } from './ports';

/**
 * Records that a parcel reached the customer (admin).
 * 1. Reads the order; unknown parcel → 404; a parcel already delivered changes nothing.
 * 2. The parcel gets its delivery time; once every unit shipped and every parcel arrived, the
 *    order gets `deliveredAt` (from which the return window counts) and is `delivered`, unless
 *    refunded in part or in full (that status stays: it says where the money is).
 * 3. One transaction, only if the order did not change since it was read, with `OrderDelivered`.
 * Output: the order as its customer sees it.
 */
export const markDelivered = (deps: FulfillmentDeps, input: { orderId: string; shipmentId: string }, correlationId: string) =>
  changeOrder(deps, input.orderId, (order, now) => {
    const delivery = recordDelivery(order, input.shipmentId, now);
    if (!delivery.changed) return { result: orderView(order) };
    const at = now.toISOString();
    const fields = { shipments: delivery.shipments, ...(delivery.deliveredAt && { deliveredAt: delivery.deliveredAt }) };
    const delivered = { ...order, ...fields, status: delivery.status, updatedAt: at };
    const facts = factsOf([eventOf(OrderDelivered, { order: orderSnapshot(delivered), shipment: delivery.shipment })], { ids: deps.ids, correlationId, now });
    return { change: { status: delivery.status, fields, at, facts }, result: orderView(delivered) };
  });
