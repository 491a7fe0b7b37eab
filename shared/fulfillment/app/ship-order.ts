import { eventOf } from '#kernel/events';
import type { Shipment } from '#ordering/index';
import { orderSnapshot } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { OrderShipped } from '../contracts/events';
import { planShipment, recordedParcel, type ShipmentRequest } from '../domain/shipment';
import { changeOrder } from '#ordering/index';
import type { FulfillmentDeps } from './ports';

/**
 * Records a parcel sent (admin). Input: the order id and the parcel (carrier, tracking number,
 * the units in it or none for everything left).
 * 1. Reads the order; a parcel with the same carrier and tracking number already on it is returned
 *    as it is (a retried request records nothing twice), unless the request names other units (409).
 * 2. The domain checks it: a paid order, physical units it bought and has not shipped (409/422).
 * 3. One transaction, only if the order did not change since it was read: the parcel on the order,
 *    `shipped` or `partially_shipped`, and `OrderShipped` (order, customer's email and locale,
 *    parcel) in the outbox; the customer is emailed from that fact.
 * Output: the shipment.
 */
export const shipOrder = (deps: FulfillmentDeps, input: { orderId: string; request: ShipmentRequest }, correlationId: string): Promise<Shipment> =>
  changeOrder(deps, input.orderId, (order, now) => {
    const again = recordedParcel(order, input.request);
    if (again) return { result: again };
    const { shipment, status } = planShipment(order, input.request, { id: deps.ids(), now });
    const at = now.toISOString();
    const shipments = [...(order.shipments ?? []), shipment];
    const shipped = { ...order, status, shipments, updatedAt: at };
    const facts = factsOf([eventOf(OrderShipped, { order: orderSnapshot(shipped), shipment })], { ids: deps.ids, correlationId, now });
    return { change: { status, fields: { shipments }, at, facts }, result: shipment };
  });
