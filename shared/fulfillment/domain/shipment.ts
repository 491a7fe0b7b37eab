import { ConflictError, NotFoundError, UnprocessableError, type FieldError } from '#kernel/errors';
import type { Carrier, Order, OrderStatus, OrderUnits, Shipment } from '#ordering/domain/order';
import { normalizeTrackingNumber, trackingUrlOf } from './carriers';

/** Orders that may send a parcel: paid, and not everything sent yet (a partial refund does not stop the rest). */
export const shippable: readonly OrderStatus[] = ['paid', 'partially_shipped', 'partially_refunded'];

/**
 * Orders whose parcels may be marked delivered: any that sent one. A parcel that arrived did,
 * whatever was refunded since (a partly shipped order the shop cancelled keeps its status too).
 */
export const deliverable: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'partially_refunded', 'refunded'];

/** Statuses that say where the money is, not the goods: a delivery leaves them as they are. */
const refundStatuses: readonly OrderStatus[] = ['partially_refunded', 'refunded'];

const physicalLines = (order: Pick<Order, 'items'>) => order.items.filter((line) => line.type === 'physical');

/** Units of each physical product already in a parcel. */
export const shippedUnits = (order: Pick<Order, 'shipments'>): Map<string, number> => {
  const shipped = new Map<string, number>();
  for (const item of (order.shipments ?? []).flatMap((s) => s.items)) shipped.set(item.sku, (shipped.get(item.sku) ?? 0) + item.quantity);
  return shipped;
};

/** Units of each physical product bought and not shipped yet (nor cancelled by the shop). */
export const unitsToShip = (order: Pick<Order, 'items' | 'shipments' | 'cancelledUnits'>): OrderUnits[] => {
  const shipped = shippedUnits(order);
  const cancelled = (sku: string) => (order.cancelledUnits ?? []).filter((u) => u.sku === sku).reduce((n, u) => n + u.quantity, 0);
  return physicalLines(order)
    .map((line) => ({ sku: line.sku, quantity: line.quantity - (shipped.get(line.sku) ?? 0) - cancelled(line.sku) }))
    .filter((units) => units.quantity > 0);
};

export interface ShipmentRequest {
  carrier: Carrier;
  trackingNumber: string;
  /** Without items: everything not shipped yet. */
  items?: readonly OrderUnits[];
}

/**
 * A parcel for an order, checked against what was bought and what already left:
 * - only a paid order ships (an unpaid or cancelled one: 409 naming its status), and only while
 *   something is left to ship (409 saying whether everything shipped or the shop cancelled the rest);
 * - only physical products of the order, never more units than remain (422 naming the line);
 * - the order becomes `shipped` when nothing is left, else `partially_shipped`; one refunded in
 *   part stays `partially_refunded`, as a delivery leaves it (that status says where the money is).
 */
export const planShipment = (order: Order, request: ShipmentRequest, made: { id: string; now: Date }): { shipment: Shipment; status: OrderStatus } => {
  const remaining = unitsToShip(order);
  // A partly shipped order the shop cancelled has shipped all it ever will, not all it bought
  // (whatever its status says of its money). A void order's units are cancelled too: it is cancelled.
  if (remaining.length === 0 && order.cancelledUnits?.length && order.status !== 'cancelled') {
    throw new ConflictError(`Nothing is left to ship in order ${order.number}: what had not shipped was cancelled by the shop.`);
  }
  if (!shippable.includes(order.status)) {
    const why = order.status === 'pending_payment' ? 'it is not paid yet' : `it is ${order.status.replace('_', ' ')}`;
    throw new ConflictError(`Order ${order.number} cannot ship: ${why}.`, [{ path: 'status', message: `is ${order.status}` }]);
  }
  if (remaining.length === 0) throw new ConflictError(`Everything in order ${order.number} has already shipped.`);
  const items = request.items ? requestedUnits(order, request.items, remaining) : remaining;
  const left = remaining.some((r) => r.quantity > (items.find((i) => i.sku === r.sku)?.quantity ?? 0));
  const trackingNumber = normalizeTrackingNumber(request.trackingNumber);
  return {
    shipment: {
      id: made.id,
      carrier: request.carrier,
      trackingNumber,
      trackingUrl: trackingUrlOf(request.carrier, trackingNumber),
      items,
      shippedAt: made.now.toISOString(),
    },
    status: refundStatuses.includes(order.status) ? order.status : left ? 'partially_shipped' : 'shipped',
  };
};

/** The units asked for, merged per sku, each checked against what remains to ship; all problems at once. */
const requestedUnits = (order: Order, asked: readonly OrderUnits[], remaining: readonly OrderUnits[]): OrderUnits[] => {
  const errors: FieldError[] = [];
  const merged = new Map<string, number>();
  asked.forEach((item, i) => {
    const line = order.items.find((l) => l.sku === item.sku);
    if (!line) errors.push({ path: `items.${i}.sku`, message: `${item.sku} is not in this order` });
    else if (line.type !== 'physical') errors.push({ path: `items.${i}.sku`, message: `${item.sku} is digital: it is delivered by download, not shipped` });
    else merged.set(item.sku, (merged.get(item.sku) ?? 0) + item.quantity);
  });
  for (const [sku, wanted] of merged) {
    const left = remaining.find((r) => r.sku === sku)?.quantity ?? 0;
    const i = asked.findIndex((item) => item.sku === sku);
    if (wanted > left) errors.push({ path: `items.${i}.quantity`, message: `${sku}: ${wanted} asked, ${left} left to ship (bought minus already shipped or cancelled)` });
  }
  if (errors.length > 0) throw new UnprocessableError(`This parcel does not match the order: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
};

/**
 * A parcel reached the customer. Once every physical unit has shipped and every parcel is
 * delivered, the order has its `deliveredAt` (the return window counts from the last delivery) and
 * is `delivered`, unless a refund holds (`partially_refunded`, `refunded`: that status stays).
 * A parcel already delivered changes nothing (`changed: false`).
 */
export const recordDelivery = (
  order: Order,
  shipmentId: string,
  now: Date,
): { changed: boolean; shipments: Shipment[]; shipment: Shipment; status: OrderStatus; deliveredAt?: string } => {
  const shipments = order.shipments ?? [];
  const shipment = shipments.find((s) => s.id === shipmentId);
  if (!shipment) throw new NotFoundError(`Order ${order.number} has no shipment ${shipmentId}.`);
  if (shipment.deliveredAt) return { changed: false, shipments, shipment, status: order.status };
  if (!deliverable.includes(order.status)) {
    throw new ConflictError(`Order ${order.number} is ${order.status}: its parcels cannot be marked delivered.`, [{ path: 'status', message: `is ${order.status}` }]);
  }
  const delivered = { ...shipment, deliveredAt: now.toISOString() };
  const updated = shipments.map((s) => (s.id === shipmentId ? delivered : s));
  const all = unitsToShip({ ...order, shipments: updated }).length === 0 && updated.every((s) => s.deliveredAt);
  if (!all) return { changed: true, shipments: updated, shipment: delivered, status: order.status };
  const status = refundStatuses.includes(order.status) ? order.status : 'delivered';
  return { changed: true, shipments: updated, shipment: delivered, status, deliveredAt: delivered.deliveredAt };
};

const unitsBySku = (units: readonly OrderUnits[]) => {
  const counts = new Map<string, number>();
  for (const { sku, quantity } of units) counts.set(sku, (counts.get(sku) ?? 0) + quantity);
  return counts;
};

/**
 * The parcel already recorded under the request's carrier and tracking number: the request sent
 * again, answered with what it recorded. Naming other units under that number is a mistake, not
 * a retry (409); a request without units means "everything left", which the recorded parcel was.
 */
export const recordedParcel = (order: Order, request: ShipmentRequest): Shipment | undefined => {
  const trackingNumber = normalizeTrackingNumber(request.trackingNumber);
  const recorded = order.shipments?.find((s) => s.carrier === request.carrier && s.trackingNumber === trackingNumber);
  if (!recorded || !request.items) return recorded;
  const [asked, sent] = [unitsBySku(request.items), unitsBySku(recorded.items)];
  const same = asked.size === sent.size && [...asked].every(([sku, quantity]) => sent.get(sku) === quantity);
  if (!same) {
    throw new ConflictError(`Parcel ${trackingNumber} (${request.carrier}) is already recorded on order ${order.number} with other units.`, [
      { path: 'trackingNumber', message: 'is already a parcel of this order, with other units' },
    ]);
  }
  return recorded;
};
