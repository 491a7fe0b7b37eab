import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ chaos: false });
  shop = shopper(runtime);
}, 120_000);
afterAll(() => runtime.stop());

type StockItem = { sku: string; available: number; reserved: number; reorderPoint: number | null };
type Carried = { 'detail-type': string; detail: { metadata: { eventId: string }; data: { sku?: string; reason?: string; available?: number; reorderPoint?: number } } };
type Sent = { template: string; subject: string; eventId: string };

const SKU = 'E2E-LOW-KETTLE';
const kettle = { name: 'Bouilloire', description: 'Inox, 1,5 l.', type: 'physical', price: { amount: 4500, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' };

const stock = (query = '') => shop.api<{ items: StockItem[] }>('GET', `/admin/stock${query}`, { headers: shop.admin });
const carried = async (type: string) => (await shop.events()).filter((e) => e['detail-type'] === type && (e as Carried).detail.data.sku === SKU) as Carried[];
/** Waits until the inventory worker has reported `placed` sales of the kettle and its queue is empty. */
const reported = async (placed: number) => {
  await until(() => carried('StockChanged').then((es) => es.filter((e) => e.detail.data.reason === 'order_placed').length), (n) => n >= placed, 10_000);
  await until(async () => runtime.queues.inventory.depth, (depth) => depth === 0, 10_000);
};
/** The StockLow events of the kettle, once at least `count` arrived (or 2 s passed: then what there is). */
const stockLows = (count: number) => until(() => carried('StockLow'), (es) => es.length >= count, 2000);

describe('stock that tells, over HTTP', () => {
  it('keeps the reorder point for the back office: the admin sees it, the public product does not', async () => {
    const put = await shop.api('PUT', `/admin/products/${SKU}`, { body: { ...kettle, reorderPoint: 5 }, headers: shop.admin });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ sku: SKU, reorderPoint: 5, available: 0 });
    expect(put.body).not.toHaveProperty('lowStockAlerted');
    expect((await shop.api('POST', `/admin/products/${SKU}/stock`, { body: { set: 12 }, headers: shop.admin })).status).toBe(200);
    const shown = await shop.api('GET', `/products/${SKU}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ sku: SKU, available: 12 });
    expect(Object.keys(shown.body).sort()).toEqual(['available', 'category', 'description', 'name', 'price', 'sku', 'taxCategory', 'type', 'updatedAt']);
    const listed = await shop.api<{ items: Record<string, unknown>[] }>('GET', '/products?category=kitchen');
    expect(listed.body.items.every((p) => !('reorderPoint' in p) && !('lowStockAlerted' in p))).toBe(true);
  });

  it('refuses a reorder point on a digital product, naming the field', async () => {
    const reply = await shop.api('PUT', '/admin/products/E2E-LOW-EBOOK', {
      body: { name: 'Livre', type: 'digital', price: { amount: 900, currency: 'EUR' }, taxCategory: 'reduced', category: 'ebooks', reorderPoint: 2 },
      headers: shop.admin,
    });
    expectProblem(reply, 400, 'reorderPoint');
    expectProblem(await shop.api('PUT', `/admin/products/${SKU}`, { body: { ...kettle, reorderPoint: -1 }, headers: shop.admin }), 400, 'reorderPoint');
  });

  it('answers the stock view to admins only: 401 without a token, 403 with a customer\'s', async () => {
    expectProblem(await shop.api('GET', '/admin/stock?low=true'), 401);
    const customer = await runtime.mintToken({ sub: 'c-stock-low', groups: [] });
    expectProblem(await shop.api('GET', '/admin/stock', { headers: { authorization: `Bearer ${customer}` } }), 403);
    expectProblem(await shop.api('GET', '/admin/stock?low=maybe', { headers: shop.admin }), 400, 'low');
  });

  it('lists every physical product, and none low before any sale', async () => {
    const all = await stock();
    expect(all.status).toBe(200);
    expect(all.body.items.map((i) => i.sku)).toEqual(expect.arrayContaining(['TEAPOT-CAST-IRON', 'SWEAT-NAVY-L', SKU]));
    expect(all.body.items.map((i) => i.sku)).not.toContain('EBOOK-MISERABLES');
    expect(all.body.items.find((i) => i.sku === 'TEAPOT-CAST-IRON')).toEqual({ sku: 'TEAPOT-CAST-IRON', available: 4, reserved: 0, reorderPoint: 2 });
    expect((await stock('?low=true')).body).toEqual({ items: [] });
  });

  it('publishes StockLow once when 10 concurrent checkouts cross the reorder point, and lists the product as low', async () => {
    const carts = await Promise.all(Array.from({ length: 10 }, () => shop.openCart({ [SKU]: 1 })));
    const replies = await Promise.all(carts.map((cart) => shop.checkout(cart)));
    expect(replies.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    await reported(10);
    const lows = await stockLows(2);
    // Whoever crossed it read a count at or below the point, and no lower than the 2 left.
    const crossedAt = Number(lows[0]!.detail.data.available);
    expect(crossedAt).toBeLessThanOrEqual(5);
    expect(crossedAt).toBeGreaterThanOrEqual(2);
    expect(lows.map((e) => e.detail.data)).toEqual([{ sku: SKU, name: 'Bouilloire', available: crossedAt, reorderPoint: 5, availableAsOf: 'report' }]);
    expect((await stock('?low=true')).body).toEqual({ items: [{ sku: SKU, available: 2, reserved: 10, reorderPoint: 5 }] });
  });

  it('publishes nothing more for further sales below, and once again after a restock above then a new crossing', async () => {
    expect((await shop.checkout(await shop.openCart({ [SKU]: 1 }))).status).toBe(201); // 1 left
    await reported(11);
    expect(await stockLows(2)).toHaveLength(1);
    // Restocked above the point: re-armed, and no longer low.
    expect((await shop.api('POST', `/admin/products/${SKU}/stock`, { body: { set: 6 }, headers: shop.admin })).status).toBe(200);
    expect((await stock('?low=true')).body).toEqual({ items: [] });
    expect((await shop.checkout(await shop.openCart({ [SKU]: 1 }))).status).toBe(201); // 5 left: a new crossing
    await reported(12);
    const lows = await stockLows(2);
    const firstCrossing = Number(lows[0]!.detail.data.available);
    expect(firstCrossing).toBeLessThanOrEqual(5);
    expect(lows.map((e) => e.detail.data)).toEqual([
      { sku: SKU, name: 'Bouilloire', available: firstCrossing, reorderPoint: 5, availableAsOf: 'report' },
      { sku: SKU, name: 'Bouilloire', available: 5, reorderPoint: 5, availableAsOf: 'report' },
    ]);
    expect((await stock('?low=true')).body.items.map((i) => i.sku)).toEqual([SKU]);
  });

  it('tells the shop once, by event and by email, when the admin takes stock across the reorder point or raises the point over the stock', async () => {
    const plate = 'E2E-LOW-PLATE';
    const put = (reorderPoint: number) => shop.api('PUT', `/admin/products/${plate}`, { body: { ...kettle, name: 'Assiette', reorderPoint }, headers: shop.admin });
    const adjust = async (body: { delta: number } | { set: number }) => {
      const reply = await shop.api<{ available: number }>('POST', `/admin/products/${plate}/stock`, { body, headers: shop.admin });
      expect(reply.status).toBe(200);
      return reply.body.available;
    };
    const lows = async () => (await shop.eventsOfType('StockLow')).filter((e) => (e as Carried).detail.data.sku === plate) as Carried[];
    const emails = async () => (await shop.api<{ items: Sent[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.template === 'stock-low' && m.subject.includes(plate));
    const settled = async (count: number) => {
      await until(emails, (sent) => sent.length >= count, 10_000);
      await until(async () => runtime.queues.notifications.depth, (depth) => depth === 0, 10_000);
    };

    expect((await put(3)).status).toBe(200);
    expect(await adjust({ set: 5 })).toBe(5);
    expect(await adjust({ delta: -1 })).toBe(4); // above the point: nothing
    expect(await adjust({ delta: -1 })).toBe(3); // broken: at the point, crossed
    expect(await adjust({ delta: -1 })).toBe(2); // the same stretch
    expect((await put(4)).status).toBe(200); // moved while low: the same stretch
    await settled(1);
    const [first] = await lows();
    expect((await lows()).map((e) => e.detail.data)).toEqual([{ sku: plate, name: 'Assiette', available: 3, reorderPoint: 3, availableAsOf: 'change' }]);
    expect((await emails()).map((m) => m.eventId)).toEqual([first!.detail.metadata.eventId]);
    const adjusted = (await shop.eventsOfType('StockChanged')).filter((e) => (e as Carried).detail.data.sku === plate).map((e) => e.detail.data);
    expect(adjusted).toContainEqual({ sku: plate, previous: 4, available: 3, delta: -1, availableAsOf: 'change', reason: 'adjustment', low: true });

    // Restocked above (re-armed), then the point raised over the stock: told again, once.
    expect(await adjust({ set: 7 })).toBe(7);
    expect((await put(8)).status).toBe(200);
    await settled(2);
    expect((await lows()).map((e) => e.detail.data)).toEqual([
      { sku: plate, name: 'Assiette', available: 3, reorderPoint: 3, availableAsOf: 'change' },
      { sku: plate, name: 'Assiette', available: 7, reorderPoint: 8, availableAsOf: 'change' },
    ]);
    expect((await emails()).map((m) => m.eventId)).toEqual((await lows()).map((e) => e.detail.metadata.eventId));
  });
});
