import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#kernel/errors';
import { trackingUrlOf } from '#fulfillment/domain/carriers';
import { digitalDelivery } from '#fulfillment/domain/digital-delivery';
import { downloadableLines } from '#fulfillment/domain/downloads';
import { planShipment, recordDelivery, recordedParcel, unitsToShip } from '#fulfillment/domain/shipment';
import { carriers, type Order, type OrderLine } from '#ordering/domain/order';
import { aPendingOrder } from '../../fixtures/orders';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const line = (sku: string, quantity: number, type: 'physical' | 'digital' = 'physical'): OrderLine => ({
  sku,
  name: sku,
  type,
  taxCategory: 'standard',
  unitPrice: eur(1000),
  quantity,
  lineTotal: eur(1000 * quantity),
  discount: eur(0),
  taxRate: 2000,
  tax: eur(167 * quantity),
});
const paid = (items: OrderLine[], overrides: Partial<Order> = {}): Order => aPendingOrder('order-000001', { status: 'paid', items, ...overrides });
const now = new Date('2026-11-30T10:00:00.000Z');

describe('a parcel', () => {
  it('sent again under its carrier and tracking number is the one recorded; with other units, a 409', () => {
    const order = paid([line('MUG', 3), line('TEE', 1)]);
    const first = planShipment(order, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'MUG', quantity: 2 }] }, { id: 'shipment-01', now });
    const after = { ...order, status: first.status, shipments: [first.shipment] };
    expect(recordedParcel(after, { carrier: 'dhl', trackingNumber: 'jd 0001', items: [{ sku: 'MUG', quantity: 2 }] })).toBe(first.shipment);
    expect(recordedParcel(after, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'MUG', quantity: 1 }, { sku: 'MUG', quantity: 1 }] })).toBe(first.shipment);
    expect(recordedParcel(after, { carrier: 'dhl', trackingNumber: 'JD0001' })).toBe(first.shipment);
    expect(() => recordedParcel(after, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'TEE', quantity: 1 }] })).toThrow(ConflictError);
    expect(() => recordedParcel(after, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'MUG', quantity: 3 }] })).toThrow(ConflictError);
    expect(recordedParcel(after, { carrier: 'ups', trackingNumber: 'JD0001', items: [{ sku: 'TEE', quantity: 1 }] })).toBeUndefined();
  });

  it('without items takes everything physical not shipped yet, and the order is shipped', () => {
    const order = paid([line('MUG', 2), line('EBOOK', 1, 'digital')]);
    const { shipment, status } = planShipment(order, { carrier: 'colissimo', trackingNumber: '6a 1234 5678' }, { id: 'shipment-01', now });
    expect(shipment.items).toEqual([{ sku: 'MUG', quantity: 2 }]);
    expect(shipment.trackingNumber).toBe('6A12345678');
    expect(status).toBe('shipped');
  });

  it('a partial parcel then the rest: partially_shipped, then shipped', () => {
    const order = paid([line('MUG', 3), line('TEE', 1)]);
    const first = planShipment(order, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'MUG', quantity: 2 }] }, { id: 'shipment-01', now });
    expect(first.status).toBe('partially_shipped');
    const after = { ...order, status: first.status, shipments: [first.shipment] };
    expect(unitsToShip(after)).toEqual([{ sku: 'MUG', quantity: 1 }, { sku: 'TEE', quantity: 1 }]);
    const second = planShipment(after, { carrier: 'dhl', trackingNumber: 'JD0002' }, { id: 'shipment-02', now });
    expect(second.shipment.items).toEqual([{ sku: 'MUG', quantity: 1 }, { sku: 'TEE', quantity: 1 }]);
    expect(second.status).toBe('shipped');
  });

  it('of an order refunded in part leaves it partially_refunded, whether it sends part or the rest (that status says where the money is)', () => {
    const order = paid([line('MUG', 3), line('TEE', 1)], { status: 'partially_refunded' });
    const first = planShipment(order, { carrier: 'dhl', trackingNumber: 'JD0001', items: [{ sku: 'MUG', quantity: 2 }] }, { id: 'shipment-01', now });
    expect(first.status).toBe('partially_refunded');
    const rest = planShipment({ ...order, shipments: [first.shipment] }, { carrier: 'dhl', trackingNumber: 'JD0002' }, { id: 'shipment-02', now });
    expect(rest.status).toBe('partially_refunded');
  });

  it('refuses more units than were bought, naming the line', () => {
    const order = paid([line('MUG', 2)]);
    expect(() => planShipment(order, { carrier: 'ups', trackingNumber: '1Z999', items: [{ sku: 'MUG', quantity: 3 }] }, { id: 's-1', now })).toThrow(
      expect.objectContaining({ name: 'UnprocessableError', errors: [expect.objectContaining({ path: 'items.0.quantity' })] }),
    );
  });

  it('counts a sku asked twice together, and what already shipped', () => {
    const order = paid([line('MUG', 2)], { status: 'partially_shipped', shipments: [{ id: 's-0', carrier: 'gls', trackingNumber: 'A1', trackingUrl: 'x', items: [{ sku: 'MUG', quantity: 1 }], shippedAt: now.toISOString() }] });
    const twice = [{ sku: 'MUG', quantity: 1 }, { sku: 'MUG', quantity: 1 }];
    expect(() => planShipment(order, { carrier: 'gls', trackingNumber: 'A2', items: twice }, { id: 's-1', now })).toThrow(/2 asked, 1 left to ship/);
  });

  it('refuses a product not in the order, and a digital one', () => {
    const order = paid([line('MUG', 1), line('EBOOK', 1, 'digital')]);
    const items = [{ sku: 'NOPE', quantity: 1 }, { sku: 'EBOOK', quantity: 1 }];
    expect(() => planShipment(order, { carrier: 'dpd', trackingNumber: '0001', items }, { id: 's-1', now })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'items.0.sku' }), expect.objectContaining({ path: 'items.1.sku' })] }),
    );
  });

  it.each(['pending_payment', 'cancelled', 'shipped', 'delivered'] as const)('refuses an order that is %s with a 409 naming why', (status) => {
    const order = paid([line('MUG', 1)], { status, ...(status !== 'pending_payment' && status !== 'cancelled' && { shipments: [{ id: 's-0', carrier: 'gls', trackingNumber: 'A1', trackingUrl: 'x', items: [{ sku: 'MUG', quantity: 1 }], shippedAt: now.toISOString() }] }) });
    expect(() => planShipment(order, { carrier: 'gls', trackingNumber: 'A2' }, { id: 's-1', now })).toThrow(ConflictError);
  });

  it.each(['shipped', 'delivered', 'partially_refunded', 'refunded'] as const)(
    'refuses a parcel of a partly shipped order whose rest the shop cancelled (%s) with a 409 saying nothing is left to ship, not that everything shipped',
    (status) => {
      const parcel = { id: 's-0', carrier: 'gls' as const, trackingNumber: 'A1', trackingUrl: 'x', items: [{ sku: 'MUG', quantity: 1 }], shippedAt: now.toISOString() };
      const order = paid([line('MUG', 2)], { status, shipments: [parcel], cancelledUnits: [{ sku: 'MUG', quantity: 1 }] });
      expect(() => planShipment(order, { carrier: 'gls', trackingNumber: 'A2' }, { id: 's-1', now })).toThrow(
        expect.objectContaining({ name: 'ConflictError', message: 'Nothing is left to ship in order 2026-000001: what had not shipped was cancelled by the shop.' }),
      );
    },
  );

  it('refuses a parcel of an order that shipped everything with a 409 saying so', () => {
    const order = paid([line('MUG', 1)], { status: 'partially_refunded', shipments: [{ id: 's-0', carrier: 'gls', trackingNumber: 'A1', trackingUrl: 'x', items: [{ sku: 'MUG', quantity: 1 }], shippedAt: now.toISOString() }] });
    expect(() => planShipment(order, { carrier: 'gls', trackingNumber: 'A2' }, { id: 's-1', now })).toThrow(/has already shipped/);
  });

  it.each(carriers)('%s: an https tracking link that contains the number', (carrier) => {
    const url = trackingUrlOf(carrier, 'XY 123-456');
    expect(url).toMatch(/^https:\/\//);
    expect(url).toContain('XY123456');
  });
});

describe('deliveries', () => {
  const shipped = (deliveredAt?: string) => ({ id: 's-1', carrier: 'colissimo' as const, trackingNumber: 'A1', trackingUrl: 'x', items: [{ sku: 'MUG', quantity: 1 }], shippedAt: now.toISOString(), ...(deliveredAt && { deliveredAt }) });

  it('the last parcel delivered makes the order delivered', () => {
    const order = paid([line('MUG', 1)], { status: 'shipped', shipments: [shipped()] });
    expect(recordDelivery(order, 's-1', now)).toMatchObject({ changed: true, status: 'delivered', deliveredAt: now.toISOString(), shipment: { deliveredAt: now.toISOString() } });
  });

  it('one parcel of a partly shipped order leaves it partially shipped', () => {
    const order = paid([line('MUG', 2)], { status: 'partially_shipped', shipments: [shipped()] });
    const delivery = recordDelivery(order, 's-1', now);
    expect(delivery).toMatchObject({ changed: true, status: 'partially_shipped' });
    expect(delivery.deliveredAt).toBeUndefined();
  });

  // The parcel arrived: a refund says where the money is, not where the goods are.
  it.each(['partially_refunded', 'refunded'] as const)('the last parcel of a %s order delivered dates its delivery and keeps its status', (status) => {
    const order = paid([line('MUG', 1)], { status, shipments: [shipped()] });
    expect(recordDelivery(order, 's-1', now)).toMatchObject({ changed: true, status, deliveredAt: now.toISOString(), shipment: { deliveredAt: now.toISOString() } });
  });

  it.each(['partially_refunded', 'refunded'] as const)('one parcel of several of a %s order delivered dates the parcel only', (status) => {
    const order = paid([line('MUG', 2)], { status, shipments: [shipped(), { ...shipped(), id: 's-2' }] });
    const delivery = recordDelivery(order, 's-1', now);
    expect(delivery).toMatchObject({ changed: true, status, shipment: { deliveredAt: now.toISOString() } });
    expect(delivery.deliveredAt).toBeUndefined();
  });

  it.each(['shipped', 'partially_refunded', 'refunded'] as const)('the last parcel of a partly shipped order whose rest the shop cancelled (%s) delivers it', (status) => {
    const order = paid([line('MUG', 2)], { status, shipments: [shipped()], cancelledUnits: [{ sku: 'MUG', quantity: 1 }] });
    expect(recordDelivery(order, 's-1', now)).toMatchObject({ changed: true, status: status === 'shipped' ? 'delivered' : status, deliveredAt: now.toISOString() });
  });

  it('a parcel delivered twice changes nothing; an unknown one is a 404', () => {
    const order = paid([line('MUG', 1)], { status: 'delivered', shipments: [shipped('2026-11-29T10:00:00.000Z')] });
    expect(recordDelivery(order, 's-1', now)).toMatchObject({ changed: false, status: 'delivered' });
    expect(() => recordDelivery(order, 's-9', now)).toThrow(NotFoundError);
  });
});

describe('digital goods', () => {
  const ebook = () => line('EBOOK', 1, 'digital');
  const at = now.toISOString();

  it('an order of digital goods only is delivered when paid; a mixed one stays paid', () => {
    expect(digitalDelivery(paid([ebook()]), now)).toEqual({ status: 'delivered', digitalDeliveredAt: at, deliveredAt: at });
    expect(digitalDelivery(paid([ebook(), line('MUG', 1)]), now)).toEqual({ status: 'paid', digitalDeliveredAt: at });
  });

  // The parcel may leave, or a refund land, before the delivery worker handles OrderPaid.
  it.each(['partially_shipped', 'shipped', 'delivered', 'partially_refunded'] as const)(
    'a mixed order that is %s by the time they are delivered gets them, and keeps its status and delivery date',
    (status) => {
      const order = paid([ebook(), line('MUG', 1)], { status, ...(status === 'delivered' && { deliveredAt: '2026-11-29T10:00:00.000Z' }) });
      expect(digitalDelivery(order, now)).toEqual({ status, digitalDeliveredAt: at });
    },
  );

  it('an order of digital goods only, refunded in part first, gets them and its delivery date, and stays partially refunded', () => {
    expect(digitalDelivery(paid([ebook(), line('EBOOK-2', 1, 'digital')], { status: 'partially_refunded' }), now)).toEqual({
      status: 'partially_refunded',
      digitalDeliveredAt: at,
      deliveredAt: at,
    });
  });

  it.each(['pending_payment', 'cancelled', 'refunded'] as const)('nothing to deliver to an order that is %s', (status) => {
    expect(digitalDelivery(paid([ebook()], { status }), now)).toBeUndefined();
    expect(digitalDelivery(paid([ebook(), line('MUG', 1)], { status }), now)).toBeUndefined();
  });

  it('nothing to deliver twice, or without digital lines', () => {
    expect(digitalDelivery(paid([ebook()], { digitalDeliveredAt: '2026-11-29T10:00:00.000Z' }), now)).toBeUndefined();
    expect(digitalDelivery(paid([ebook(), line('MUG', 1)], { status: 'shipped', digitalDeliveredAt: '2026-11-29T10:00:00.000Z' }), now)).toBeUndefined();
    expect(digitalDelivery(paid([line('MUG', 1)]), now)).toBeUndefined();
  });

  it('downloads open once paid, never before nor after a cancellation', () => {
    const items = [line('EBOOK', 1, 'digital'), line('MUG', 1)];
    expect(downloadableLines({ status: 'paid', items }).map((l) => l.sku)).toEqual(['EBOOK']);
    expect(downloadableLines({ status: 'pending_payment', items })).toEqual([]);
    expect(downloadableLines({ status: 'cancelled', items })).toEqual([]);
  });
});
