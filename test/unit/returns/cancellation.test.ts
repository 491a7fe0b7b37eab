import { describe, expect, it } from 'vitest';
import type { OrderReturn } from '#ordering/domain/after-sales';
import type { Order } from '#ordering/domain/order';
import { cancelPaidOrder, refundOfCancellation } from '#returns/domain/cancellation';
import { aDeliveredOrder, aLine, DELIVERED_AT, eur, mugsOnly } from './returns-fixtures';

const now = new Date('2026-12-03T10:00:00.000Z');

/** Paid, nothing shipped: 2 mugs (12.00 each), an e-book (5.00), 6.00 of delivery: 35.00. */
const aPaidOrder = (id: string): Order => aDeliveredOrder(id, { status: 'paid', shipments: [], deliveredAt: undefined });

/** The same, one of its two mugs shipped. */
const aPartlyShippedOrder = (id: string, overrides: Partial<Order> = {}): Order => {
  const order = aDeliveredOrder(id, { status: 'partially_shipped', deliveredAt: undefined, ...overrides });
  return { ...order, shipments: order.shipments?.map((s) => ({ ...s, items: [{ sku: 'MUG-1', quantity: 1 }] })) };
};

const mugBack: OrderReturn = { id: 'ret-1', status: 'refunded', items: [{ sku: 'MUG-1', quantity: 1, reason: 'withdrawal' }], createdAt: '2026-12-02T10:00:00.000Z', received: [{ sku: 'MUG-1', received: 1, damaged: 0 }] };
const unitsOf = (request: ReturnType<typeof refundOfCancellation>) => request?.lines?.map((l) => [l.sku, l.quantity, l.amount.amount]);

describe('a paid order cancelled with nothing shipped: the order is void', () => {
  it('is cancelled, its physical units back to stock', () => {
    const after = cancelPaidOrder(aPaidOrder('o-1'), [{ sku: 'MUG-1', quantity: 2 }], now);
    expect(after).toMatchObject({ status: 'cancelled', cancelledUnits: [{ sku: 'MUG-1', quantity: 2 }], cancelledAt: now.toISOString(), cancellationReason: 'cancelled_by_shop' });
  });

  it('refunds every line, the e-book too, and the delivery: all that was paid', () => {
    const request = refundOfCancellation(cancelPaidOrder(aPaidOrder('o-1'), [{ sku: 'MUG-1', quantity: 2 }], now), 'rf-cancel-o-1');
    expect(unitsOf(request)).toEqual([
      ['MUG-1', 2, 2400],
      ['EBOOK-1', 1, 500],
    ]);
    expect(request?.shipping?.amount).toEqual(eur(600));
    expect(request).toMatchObject({ id: 'rf-cancel-o-1', reason: 'order cancelled by the shop' });
  });

  it('refunds of each line only what is not refunded yet', () => {
    const ebookRefunded = { ...aPaidOrder('o-2'), refunds: [{ id: 'rf-1', amount: eur(500), reason: 'x', status: 'succeeded' as const, createdAt: now.toISOString(), lines: [{ sku: 'EBOOK-1', quantity: 1, amount: eur(500), vat: eur(83), vatRate: 2000 }] }] };
    expect(unitsOf(refundOfCancellation(cancelPaidOrder(ebookRefunded, [{ sku: 'MUG-1', quantity: 2 }], now), 'rf-cancel-o-2'))).toEqual([['MUG-1', 2, 2400]]);
  });
});

describe('a partly shipped order cancelled: what was not supplied is cancelled', () => {
  it('cancels and refunds the unshipped mug only: the e-book was supplied at payment and stays, with its money; no delivery while a mug is with the customer', () => {
    const after = cancelPaidOrder(aPartlyShippedOrder('o-3'), [{ sku: 'MUG-1', quantity: 1 }], now);
    // Its one parcel has arrived: with the rest cancelled, the order is delivered, since that parcel arrived.
    expect(after).toMatchObject({ status: 'delivered', deliveredAt: DELIVERED_AT, cancelledUnits: [{ sku: 'MUG-1', quantity: 1 }] });
    const request = refundOfCancellation(after, 'rf-cancel-o-3');
    expect(unitsOf(request)).toEqual([['MUG-1', 1, 1200]]);
    expect(request).not.toHaveProperty('shipping');
  });

  it('refunds the delivery too when the shipped mug came back as a withdrawal before: the customer keeps nothing', () => {
    const after = cancelPaidOrder(aPartlyShippedOrder('o-4', { ...mugsOnly(), status: 'partially_refunded', returns: [mugBack] }), [{ sku: 'MUG-1', quantity: 1 }], now);
    expect(refundOfCancellation(after, 'rf-cancel-o-4')?.shipping?.amount).toEqual(eur(600));
  });

  it('leaves an order whose parcel is on its way shipped, and one refunded in part as it is, delivered once its parcels arrived', () => {
    const onItsWay = aPartlyShippedOrder('o-8', { shipments: [{ ...aPartlyShippedOrder('o-8').shipments![0]!, deliveredAt: undefined }] });
    const shipped = cancelPaidOrder(onItsWay, [{ sku: 'MUG-1', quantity: 1 }], now);
    expect(shipped.status).toBe('shipped');
    expect(shipped.deliveredAt).toBeUndefined();
    expect(cancelPaidOrder(aPartlyShippedOrder('o-9', { status: 'partially_refunded' }), [{ sku: 'MUG-1', quantity: 1 }], now)).toMatchObject({ status: 'partially_refunded', deliveredAt: DELIVERED_AT });
  });

  it('asks no refund when what it cancels cost nothing (a free unit): the cancellation stands without one', () => {
    const order = aPartlyShippedOrder('o-7', { items: [aLine('MUG-1', 1, 1200), aLine('GIFT-1', 1, 0)] });
    const after = cancelPaidOrder(order, [{ sku: 'GIFT-1', quantity: 1 }], now);
    expect(after.cancelledUnits).toEqual([{ sku: 'GIFT-1', quantity: 1 }]);
    expect(refundOfCancellation(after, 'rf-cancel-o-7')).toBeUndefined();
  });
});

describe('nothing left to cancel', () => {
  it('everything shipped, or delivered: 409 naming status, a return handles it', () => {
    expect(() => cancelPaidOrder(aDeliveredOrder('o-5', { status: 'shipped', deliveredAt: undefined }), [], now)).toThrow(expect.objectContaining({ name: 'ConflictError', errors: [expect.objectContaining({ path: 'status' })] }));
    expect(() => cancelPaidOrder(aDeliveredOrder('o-5'), [], now)).toThrow(expect.objectContaining({ name: 'ConflictError' }));
  });

  it('digital goods only, all supplied at payment: 409 naming status', () => {
    const ebookOnly = aDeliveredOrder('o-6', { items: [aLine('EBOOK-1', 1, 500, 'digital')], shipments: [] });
    expect(() => cancelPaidOrder(ebookOnly, [], now)).toThrow(expect.objectContaining({ name: 'ConflictError' }));
  });
});
