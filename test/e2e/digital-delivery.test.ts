import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { shopper } from './shop';

/**
 * The digital goods of a paid order are delivered by a worker on `OrderPaid`, which may run after
 * the order moved on. Faults on demand must be the only faults here (a chaos pass could let the
 * worker through before the parcel leaves), and visibility timeouts are scaled (60 s → 0.12 s).
 */
let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.002, chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

type Letters = { queues: { name: string; count: number }[] };
type Order = { status: string; deliveredAt?: string; customer: { email: string } };
const drained = () => until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), Boolean, 10_000);

describe('digital goods delivered after the order moved on', () => {
  it('a mixed order shipped before the worker handles OrderPaid: the e-book is still delivered, once, with one email', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 1, 'EBOOK-MISERABLES': 1 }))).body;
    // The worker fails until its message lands in the dead letters (maxReceiveCount 5).
    expect((await shop.api('POST', '/dev/faults', { body: { workers: { 'digital-delivery': { failNext: 5 } } } })).status).toBe(200);
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    await until(
      async () => (await shop.api<Letters>('GET', '/admin/dead-letters', { headers: shop.admin })).body,
      (letters) => (letters.queues.find((q) => q.name === 'digital-delivery')?.count ?? 0) > 0,
      15_000,
    );
    const shipped = await shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'gls', trackingNumber: 'GLS-LATE-0001' }, headers: shop.admin });
    expect(shipped.status).toBe(201);
    expect((await shop.readOrder(placed)).body.status).toBe('shipped');
    expect(await shop.eventsOf('DigitalGoodsDelivered', placed.order.id, 0)).toHaveLength(0);

    expect((await shop.api('POST', '/admin/dead-letters/digital-delivery/redrive', { headers: shop.admin })).status).toBe(202);
    const [delivered] = await shop.eventsOf('DigitalGoodsDelivered', placed.order.id);
    await drained();
    expect(await shop.eventsOf('DigitalGoodsDelivered', placed.order.id, 0)).toHaveLength(1);
    // Its parcel says where the mug is: the order stays shipped, not delivered.
    expect(delivered!.detail.data).toMatchObject({ order: { status: 'shipped' }, items: [{ sku: 'EBOOK-MISERABLES', quantity: 1 }] });
    const order = (await shop.readOrder(placed)).body as unknown as Order;
    expect(order.status).toBe('shipped');
    expect(order.deliveredAt).toBeUndefined();

    type Email = { to: string; template: string };
    const mails = await until(
      async () => (await shop.api<{ items: Email[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.to === order.customer.email && m.template === 'downloads-ready'),
      (found) => found.length > 0,
      5000,
    );
    expect(mails).toHaveLength(1);
    const downloads = await shop.api<{ items: { sku: string }[] }>('GET', `/orders/${placed.order.id}/downloads`, { headers: { 'x-order-token': placed.orderToken } });
    expect(downloads.body.items.map((d) => d.sku)).toEqual(['EBOOK-MISERABLES']);

    // A replay of OrderPaid finds them delivered: nothing more.
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    await drained();
    expect(await shop.eventsOf('DigitalGoodsDelivered', placed.order.id, 0)).toHaveLength(1);
    expect((await shop.api<{ items: Email[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.to === order.customer.email && m.template === 'downloads-ready')).toHaveLength(1);
  });
});
