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
 * 2. The parcel gets its delivery time; the order is `delivered` (with `deliveredAt`, from which
 *    the return window counts) once every unit shipped and every parcel arrived.
 * 3. One transaction, only if the order did not change since it was read, with `OrderDelivered`.
 * Output: the order as its customer sees it.
 */
export const markDelivered = (deps: FulfillmentDeps, input: { orderId: string; shipmentId: string }, correlationId: string) =>
  changeOrder(deps, input.orderId, (order, now) => {
    const delivery = recordDelivery(order, input.shipmentId, now);
    if (!delivery.changed) return { result: orderView(order) };
    const at = now.toISOString();
    const fields = { shipments: delivery.shipments, ...(delivery.status === 'delivered' && { deliveredAt: at }) };
    const delivered = { ...order, ...fields, status: delivery.status, updatedAt: at };
    const facts = factsOf([eventOf(OrderDelivered, { order: orderSnapshot(delivered), shipment: delivery.shipment })], { ids: deps.ids, correlationId, now });
    return { change: { status: delivery.status, fields, at, facts }, result: orderView(delivered) };
  });
