import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper, type Checkout } from './shop';

/**
 * Issue 12's proof on a bad day, through faults injected with /dev/faults: a fact is never
 * written without its event, never published twice in effect, and a replay changes nothing.
 */
let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;
type Carried = { 'detail-type': string; detail: { metadata: { eventId: string }; data: { order?: { id: string; invoiceNumber?: string } } } };

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.002, chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

const carried = async () => (await shop.api<{ items: Carried[] }>('GET', '/dev/events')).body.items;
/** The distinct event ids of one kind of fact about one order (a redelivery keeps its id). */
const factIds = async (type: string, orderId: string) =>
  new Set((await carried()).filter((e) => e['detail-type'] === type && e.detail.data.order?.id === orderId).map((e) => e.detail.metadata.eventId));
const faults = (body: object) => shop.api('POST', '/dev/faults', { body });
const drained = () => until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), Boolean, 10_000);
const placeAndPay = async (sku: string): Promise<Checkout> => {
  const placed = (await shop.checkout(await shop.openCart({ [sku]: 1 }))).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  return placed;
};

describe('events are never lost nor doubled', () => {
  it('PutEvents failing after the payment transaction: OrderPaid is still published, once, with one event id', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
    expect((await faults({ putEvents: { failNext: 6 } })).status).toBe(200);
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    const ids = await until(() => factIds('OrderPaid', placed.order.id), (s) => s.size > 0, 10_000);
    await drained();
    expect([...ids]).toHaveLength(1);
    expect((await carried()).filter((e) => e['detail-type'] === 'OrderPaid' && e.detail.data.order?.id === placed.order.id)).toHaveLength(1);
    await shop.api('DELETE', '/dev/faults');
  });

  it('PutEvents failing in part: no event is carried twice', async () => {
    expect((await faults({ putEvents: { failNext: 4, partial: true } })).status).toBe(200);
    const orders = [await placeAndPay('TEE-ORGANIC-M'), await placeAndPay('MUG-ENAMEL-BLUE')];
    for (const placed of orders) await shop.orderUntil(placed, (o) => o.status === 'paid');
    await drained();
    for (const placed of orders) {
      expect((await until(() => factIds('OrderPlaced', placed.order.id), (ids) => ids.size > 0)).size).toBe(1);
      expect((await until(() => factIds('OrderPaid', placed.order.id), (s) => s.size > 0)).size).toBe(1);
    }
    const ids = (await carried()).map((e) => e.detail.metadata.eventId);
    expect(ids.length).toBe(new Set(ids).size);
    await shop.api('DELETE', '/dev/faults');
  });

  it('a worker failing five times: the message waits in the dead letters, is redriven, and the order is paid once', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }))).body;
    expect((await faults({ workers: { payments: { failNext: 5 } } })).status).toBe(200);
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    type Letters = { queues: { name: string; count: number; messages: { eventType: string | null }[] }[] };
    const letters = await until(
      async () => (await shop.api<Letters>('GET', '/admin/dead-letters', { headers: shop.admin })).body,
      (b) => (b.queues.find((q) => q.name === 'payments')?.count ?? 0) > 0,
      15_000,
    );
    expect(letters.queues.find((q) => q.name === 'payments')?.messages[0]?.eventType).toBe('PaymentSucceeded');
    expect((await shop.readOrder(placed)).body.status).toBe('pending_payment');
    const redrive = await shop.api('POST', '/admin/dead-letters/payments/redrive', { headers: shop.admin });
    expect(redrive.status).toBe(202);
    expect(redrive.body).toMatchObject({ queue: 'payments', taskId: expect.any(String) });
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    await drained();
    expect((await until(() => factIds('OrderPaid', placed.order.id), (ids) => ids.size > 0, 10_000)).size).toBe(1);
    expectProblem(await shop.api('POST', '/admin/dead-letters/nowhere/redrive', { headers: shop.admin }), 404, 'path.queue');
  });

  it('a replay of every event the bus carried changes nothing: orders, invoices, stock, emails', async () => {
    await drained();
    const snapshot = async () => ({
      products: (await shop.api<{ items: { sku: string; available?: number }[] }>('GET', '/products?limit=100')).body.items.map((p) => [p.sku, p.available]),
      outbox: (await shop.api<{ items: unknown[] }>('GET', '/dev/outbox')).body.items.length,
      paid: (await carried()).filter((e) => e['detail-type'] === 'OrderPaid').map((e) => e.detail.data.order?.invoiceNumber).sort(),
    });
    const before = await snapshot();
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    await drained();
    const after = await snapshot();
    expect(after.products).toEqual(before.products);
    expect(after.outbox).toBe(before.outbox);
    // The replayed OrderPaid events are the same facts (same ids): no new invoice number appears.
    expect([...new Set(after.paid)]).toEqual([...new Set(before.paid)]);
  });
});
