import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005, chaos: false });
  shop = shopper(runtime);
}, 120_000);
afterAll(() => runtime.stop());

type StockChange = { sku: string; delta: number; reason: string; available: number; previous: number; orderId?: string };
type Cancellation = { order: { id: string; status: string }; reason: string; cancelledItems?: { sku: string; quantity: number }[] };

/**
 * A product of the test's own, 10 in stock: every StockChanged of its sku is the test's. What a
 * warehouse consumer does is then checked from zero: the deltas it sums give the stock.
 */
const aProduct = async (sku: string) => {
  const product = { name: sku, description: 'A product of the cancellation tests.', type: 'physical', price: { amount: 1500, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' };
  expect((await shop.api('PUT', `/admin/products/${sku}`, { body: product, headers: shop.admin })).status).toBe(200);
  expect((await shop.api('POST', `/admin/products/${sku}/stock`, { body: { set: 10 }, headers: shop.admin })).status).toBe(200);
  return sku;
};
const available = async (sku: string) => (await shop.api<{ available: number }>('GET', `/products/${sku}`)).body.available;
const stockChangesNow = async (sku: string) => (await shop.eventsOfType('StockChanged')).map((e) => e.detail.data as StockChange).filter((d) => d.sku === sku);

/** Until every queue is empty: whatever the events carried so far set off is done. */
const drained = () => until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), Boolean, 10_000);

/**
 * The StockChanged of a sku once the one of `reason` was carried, and a moment more with every
 * queue empty, so that a second one (a redelivery published twice) would show.
 */
const stockChangesAfter = async (sku: string, reason: string) => {
  await until(() => stockChangesNow(sku), (changes) => changes.some((c) => c.reason === reason), 10_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await drained();
  return stockChangesNow(sku);
};

/** The OrderCancelled events of an order, once one was carried (then a moment more, for a second). */
const cancellationsOf = async (orderId: string) => {
  await shop.eventsOf('OrderCancelled', orderId);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await drained();
  return (await shop.eventsOf('OrderCancelled', orderId, 0)).map((e) => e.detail.data as Cancellation);
};

const place = async (lines: Record<string, number>) => {
  const reply = await shop.checkout(await shop.openCart(lines));
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
};
const paidOrder = async (lines: Record<string, number>) => {
  const placed = await place(lines);
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  return placed;
};
const cancel = (placed: Checkout) => shop.api<{ status: string }>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
const ship = (placed: Checkout, body: object) => shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body, headers: shop.admin });

/**
 * What the bus says of a cancellation that gave `restocked` units of `sku` back: exactly one
 * StockChanged for it, whose delta is how much `available` moved, and the deltas of every
 * StockChanged of the sku, summed from zero, give its stock.
 */
const expectStockEvents = async (sku: string, availableBefore: number, restocked: number) => {
  const changes = await stockChangesAfter(sku, 'order_cancelled');
  const now = await available(sku);
  expect(now - availableBefore).toBe(restocked);
  expect(changes.filter((c) => c.reason === 'order_cancelled').map((c) => c.delta)).toEqual([restocked]);
  expect(changes.reduce((sum, c) => sum + c.delta, 0)).toBe(now);
  return changes;
};

describe('every cancellation publishes its OrderCancelled and the StockChanged of the stock it gave back', () => {
  it('an unpaid order the shop cancels: its 2 units back (StockChanged +2), one OrderCancelled listing its lines', async () => {
    const sku = await aProduct('E2E-CANCEL-UNPAID');
    const placed = await place({ [sku]: 2 });
    await stockChangesAfter(sku, 'order_placed');
    const before = await available(sku);
    expect(before).toBe(8);

    expect((await cancel(placed)).body.status).toBe('cancelled');

    const changes = await expectStockEvents(sku, before, 2);
    // A stock ledger learns which order took the units and gave them back; the admin's count names none.
    expect(changes.map((c) => [c.reason, c.orderId])).toEqual([['adjustment', undefined], ['order_placed', placed.order.id], ['order_cancelled', placed.order.id]]);
    expect(await cancellationsOf(placed.order.id)).toEqual([
      expect.objectContaining({ reason: 'cancelled_by_shop', cancelledItems: [{ sku, quantity: 2 }], order: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
  });

  it('a paid order with nothing shipped, an e-book in it: void, its 2 units back (StockChanged +2), one OrderCancelled listing every line, the e-book too', async () => {
    const sku = await aProduct('E2E-CANCEL-VOID');
    const placed = await paidOrder({ [sku]: 2, 'EBOOK-MISERABLES': 1 });
    await stockChangesAfter(sku, 'order_placed');
    const before = await available(sku);

    expect((await cancel(placed)).body.status).toBe('cancelled');

    await expectStockEvents(sku, before, 2);
    const [cancelled, ...others] = await cancellationsOf(placed.order.id);
    expect(others).toEqual([]);
    expect(cancelled).toMatchObject({ reason: 'cancelled_by_shop', order: { status: 'cancelled' } });
    expect(cancelled?.cancelledItems).toEqual(expect.arrayContaining([{ sku, quantity: 2 }, { sku: 'EBOOK-MISERABLES', quantity: 1 }]));
    expect(cancelled?.cancelledItems).toHaveLength(2);
  });

  it('a paid order of 2 units, 1 shipped: the other back (StockChanged +1), one OrderCancelled listing it; sent again or replayed, nothing more', async () => {
    const sku = await aProduct('E2E-CANCEL-PARTLY');
    const placed = await paidOrder({ [sku]: 2 });
    expect((await ship(placed, { carrier: 'colissimo', trackingNumber: '6A000000042', items: [{ sku, quantity: 1 }] })).status).toBe(201);
    await stockChangesAfter(sku, 'order_placed');
    const before = await available(sku);

    const cancelled = await cancel(placed);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('partially_refunded');

    const changes = await expectStockEvents(sku, before, 1);
    const cancellations = await cancellationsOf(placed.order.id);
    // The order goes on with what it shipped: the fact says what was cancelled of it.
    expect(cancellations).toEqual([expect.objectContaining({ reason: 'cancelled_by_shop', cancelledItems: [{ sku, quantity: 1 }], order: expect.objectContaining({ status: 'shipped' }) })]);

    // The cancel sent again, and every event delivered again (an archive replay): consumers publish nothing more.
    expect((await cancel(placed)).status).toBe(200);
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await drained();
    expect(await stockChangesNow(sku)).toEqual(changes);
    expect(await available(sku)).toBe(before + 1);
    expect(await shop.eventsOf('OrderCancelled', placed.order.id, 0)).toHaveLength(1);
  });

  it('a partly shipped order whose rest was cancelled: a parcel of "everything left" is a 409 saying nothing is left to ship, the rest cancelled', async () => {
    const sku = await aProduct('E2E-CANCEL-NOTHING-LEFT');
    const placed = await paidOrder({ [sku]: 2 });
    expect((await ship(placed, { carrier: 'colissimo', trackingNumber: '6A000000043', items: [{ sku, quantity: 1 }] })).status).toBe(201);
    expect((await cancel(placed)).status).toBe(200);

    const refused = await ship(placed, { carrier: 'colissimo', trackingNumber: '6A000000044' });
    expectProblem(refused, 409, 'Nothing is left to ship');
    expect(refused.text).toContain('cancelled');
    expect(refused.text).not.toContain('already shipped');
  });

  // Last: moving the clock expires every order still unpaid.
  it('an unpaid order past its deadline: expired, its 2 units back (StockChanged +2), one OrderCancelled listing its lines', async () => {
    const sku = await aProduct('E2E-CANCEL-EXPIRED');
    const placed = await place({ [sku]: 2 });
    await stockChangesAfter(sku, 'order_placed');
    const before = await available(sku);

    expect((await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 31 * 60 } })).status).toBe(200);
    await shop.orderUntil(placed, (o) => o.status === 'cancelled');

    await expectStockEvents(sku, before, 2);
    expect(await cancellationsOf(placed.order.id)).toEqual([
      expect.objectContaining({ reason: 'payment_expired', cancelledItems: [{ sku, quantity: 2 }], order: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
  });
});
