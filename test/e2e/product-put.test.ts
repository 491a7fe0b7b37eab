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

type Product = Record<string, unknown> & { sku: string; available?: number; updatedAt: string };
type Fact = { type: string; data: Record<string, unknown> };
type Carried = { 'detail-type': string; detail: { data: Record<string, unknown> & { product?: { sku: string } } } };

// Mixed case: a SKU keeps its case, in the path and in the body.
const LAMP = 'E2E-Put-Lamp';
const lamp = { sku: LAMP, name: 'Lampe laiton', description: 'Laiton brossé, 40 cm.', type: 'physical', price: { amount: 8900, currency: 'EUR' }, taxCategory: 'standard', available: 10, category: 'lighting' };

const put = (sku: string, body: object) => shop.api<Product & { errors?: { path: string }[] }>('PUT', `/admin/products/${sku}`, { body, headers: shop.admin });
const read = (sku: string) => shop.api<Product>('GET', `/products/${sku}`);
const factsAbout = async (sku: string): Promise<Fact[]> =>
  ((await shop.events()) as Carried[])
    .filter((e) => (e.detail.data.sku ?? e.detail.data.product?.sku) === sku)
    .map((e) => ({ type: e['detail-type'], data: e.detail.data }));
/**
 * The facts about a product once `count` were carried and no more came for a while: each is
 * written with its change (outbox) and published by the relay a moment later.
 */
const settled = async (sku: string, count: number) => {
  await until(() => factsAbout(sku), (facts) => facts.length >= count, 10_000);
  return until(() => factsAbout(sku), (facts) => facts.length > count, 1500);
};
const ofType = (facts: Fact[], type: string) => facts.filter((f) => f.type === type).map((f) => f.data);
const withoutUpdatedAt = ({ updatedAt: _, ...rest }: Product) => rest;

describe('PUT /admin/products/{sku} takes a product as API.md and GET describe it', () => {
  it('creates a physical product with its `sku` and its stock (`available`): 200, the count set, ProductUpdated and StockChanged from 0', async () => {
    const created = await put(LAMP, lamp);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ ...lamp, updatedAt: expect.any(String) });
    expect((await read(LAMP)).body).toMatchObject({ sku: LAMP, available: 10 });
    const facts = await settled(LAMP, 2);
    expect(facts.map((f) => f.type).sort()).toEqual(['ProductUpdated', 'StockChanged']);
    expect(ofType(facts, 'ProductUpdated')).toEqual([{ created: true, product: { ...lamp, updatedAt: created.body.updatedAt } }]);
    expect(ofType(facts, 'StockChanged')).toEqual([{ sku: LAMP, previous: 0, available: 10, delta: 10, availableAsOf: 'change', reason: 'adjustment', low: false }]);
    // The stock endpoint counts from there.
    expect((await shop.api('POST', `/admin/products/${LAMP}/stock`, { body: { delta: -1 }, headers: shop.admin })).body).toEqual({ sku: LAMP, available: 9 });
  });

  it('answers 200 to a product sent back as GET read it, and changes nothing: no stock change, no StockChanged, only the ProductUpdated every save publishes', async () => {
    const before = await read(LAMP);
    const factsBefore = await settled(LAMP, 3);
    const again = await put(LAMP, before.body);
    expect(again.status).toBe(200);
    expect(withoutUpdatedAt(again.body)).toEqual(withoutUpdatedAt(before.body));
    expect(withoutUpdatedAt((await read(LAMP)).body)).toEqual(withoutUpdatedAt(before.body));
    const facts = (await settled(LAMP, factsBefore.length + 1)).slice(factsBefore.length);
    expect(facts).toEqual([{ type: 'ProductUpdated', data: { created: false, product: again.body } }]);
  });

  it('answers 200 to a digital product sent back as GET read it (it has no `available`), and changes nothing', async () => {
    const before = await read('EBOOK-MISERABLES');
    expect(before.body).not.toHaveProperty('available');
    const again = await put('EBOOK-MISERABLES', before.body);
    expect(again.status).toBe(200);
    expect(withoutUpdatedAt((await read('EBOOK-MISERABLES')).body)).toEqual(withoutUpdatedAt(before.body));
  });

  it('keeps a reorder point sent back with the product this route answered', async () => {
    const saved = await put(LAMP, { ...lamp, available: 9, reorderPoint: 2 });
    expect(saved.body).toMatchObject({ available: 9, reorderPoint: 2 });
    const again = await put(LAMP, saved.body);
    expect(again.status).toBe(200);
    expect(withoutUpdatedAt(again.body)).toEqual(withoutUpdatedAt(saved.body));
  });

  it('ignores the `updatedAt` sent: the server sets it', async () => {
    const saved = await put(LAMP, { ...(await read(LAMP)).body, updatedAt: '2001-01-01T00:00:00.000Z' });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedAt).not.toBe('2001-01-01T00:00:00.000Z');
    expect((await read(LAMP)).body.updatedAt).toBe(saved.body.updatedAt);
  });

  it("refuses a body naming another product than the path's, even the same but for case: 400 naming `sku`, and nothing changes", async () => {
    const before = await read(LAMP);
    for (const sku of ['E2E-PUT-LAMP', 'E2E-Put-Vase']) {
      const refused = await put(LAMP, { ...before.body, sku, name: 'Renamed' });
      expectProblem(refused, 400, 'sku');
      expect(refused.body.errors?.map((e) => e.path)).toEqual(['sku']);
    }
    expect((await read(LAMP)).body).toEqual(before.body);
    expectProblem(await read('E2E-PUT-LAMP'), 404);
    expectProblem(await read('E2E-Put-Vase'), 404);
  });

  it('refuses `available` on a digital product, as it refuses a reorder point: 400 naming `available`, and nothing changes', async () => {
    const before = await read('EBOOK-MISERABLES');
    const refused = await put('EBOOK-MISERABLES', { ...before.body, available: 3 });
    expectProblem(refused, 400, 'available');
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['available']);
    expect((await read('EBOOK-MISERABLES')).body).toEqual(before.body);
    const { available: _, ...physical } = lamp;
    expectProblem(await put('E2E-Put-Ebook', { ...physical, sku: 'E2E-Put-Ebook', type: 'digital', available: 0 }), 400, 'available');
    expectProblem(await read('E2E-Put-Ebook'), 404);
  });

  it('sets the count only when it creates the product: on an existing one the count it has changes nothing, another is refused (409 naming `available`) and nothing is written', async () => {
    const VASE = 'E2E-Put-Vase';
    const vase = { ...lamp, sku: VASE, name: 'Vase', reorderPoint: 5 };
    expect((await put(VASE, vase)).status).toBe(200); // created with 10 units
    const before = await read(VASE);
    const refused = await put(VASE, { ...vase, available: 4 });
    expectProblem(refused, 409, 'available');
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['available']);
    expect(refused.text).toContain('10 unit(s) in stock');
    expect(refused.text).toContain(`POST /admin/products/${VASE}/stock`);
    expect((await read(VASE)).body).toEqual(before.body);
    expect((await put(VASE, { ...vase, available: 10 })).status).toBe(200); // the count it has: nothing
    const facts = await settled(VASE, 3);
    expect(ofType(facts, 'ProductUpdated').map((d) => (d.product as Product).available)).toEqual([10, 10]);
    expect(ofType(facts, 'StockChanged').map(({ previous, available, delta, low }) => ({ previous, available, delta, low }))).toEqual([{ previous: 0, available: 10, delta: 10, low: false }]);
    expect(ofType(facts, 'StockLow')).toEqual([]);
  });
});

describe('PUT /admin/products/{sku} of a product sent back as it was read, after the shop moved on', () => {
  const stockOf = async (sku: string) =>
    (await shop.api<{ items: { sku: string; available: number; reserved: number; reorderPoint: number | null }[] }>('GET', '/admin/stock', { headers: shop.admin })).body.items.find((i) => i.sku === sku);

  it('never puts sold units back: the copy read before a sale is refused (409 naming `available`) and a second checkout cannot sell the same unit', async () => {
    const CLOCK = 'E2E-Put-Clock';
    expect((await put(CLOCK, { ...lamp, sku: CLOCK, name: 'Horloge', available: 1 })).status).toBe(200);
    const copy = await read(CLOCK);
    expect(copy.body.available).toBe(1);
    const [first, second] = [await shop.openCart({ [CLOCK]: 1 }), await shop.openCart({ [CLOCK]: 1 })];
    expect((await shop.checkout(first)).status).toBe(201); // takes the unit
    expect(await stockOf(CLOCK)).toEqual({ sku: CLOCK, available: 0, reserved: 1, reorderPoint: null });

    const refused = await put(CLOCK, copy.body);
    expectProblem(refused, 409, 'available');
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['available']);
    expect(refused.text).toContain('0 unit(s) in stock');
    expect(refused.text).toContain(`POST /admin/products/${CLOCK}/stock`);
    expect(await stockOf(CLOCK)).toEqual({ sku: CLOCK, available: 0, reserved: 1, reorderPoint: null });
    expectProblem(await shop.checkout(second), 409, CLOCK);
    // The product as it is now, sent back: 200, and still no unit to sell.
    expect((await put(CLOCK, (await read(CLOCK)).body)).status).toBe(200);
    expect((await read(CLOCK)).body.available).toBe(0);
  });

  it('never changes the type of a product (409 naming `type`, nothing written): the unpaid order holding its units can still be cancelled, and they come back', async () => {
    const KETTLE = 'E2E-Put-Kettle';
    expect((await put(KETTLE, { ...lamp, sku: KETTLE, name: 'Bouilloire', available: 3 })).status).toBe(200);
    const placed = await shop.checkout(await shop.openCart({ [KETTLE]: 1 }));
    expect(placed.status).toBe(201);
    const before = await read(KETTLE);
    const { available: _, ...asDigital } = { ...before.body, type: 'digital' };
    const refused = await put(KETTLE, asDigital);
    expectProblem(refused, 409, 'type');
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['type']);
    expect(refused.text).toContain('another sku');
    expect((await read(KETTLE)).body).toEqual(before.body);

    const cancelled = await shop.api<{ status: string }>('POST', `/admin/orders/${placed.body.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(KETTLE)).toEqual({ sku: KETTLE, available: 3, reserved: 0, reorderPoint: null });

    // Nor a digital product into a physical one.
    const ebook = await read('EBOOK-MISERABLES');
    expectProblem(await put('EBOOK-MISERABLES', { ...ebook.body, type: 'physical' }), 409, 'type');
    expect((await read('EBOOK-MISERABLES')).body).toEqual(ebook.body);
  });

  it('keeps the reorder point that GET /products/{sku} does not show when its product is sent back, and removes it on `null`', async () => {
    const SHADE = 'E2E-Put-Shade';
    expect((await put(SHADE, { ...lamp, sku: SHADE, name: 'Abat-jour', reorderPoint: 3 })).status).toBe(200);
    const shown = await read(SHADE);
    expect(shown.body).not.toHaveProperty('reorderPoint');
    const again = await put(SHADE, shown.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reorderPoint: 3 });
    expect(await stockOf(SHADE)).toEqual({ sku: SHADE, available: 10, reserved: 0, reorderPoint: 3 });
    const removed = await put(SHADE, { ...shown.body, reorderPoint: null });
    expect(removed.status).toBe(200);
    expect(removed.body).not.toHaveProperty('reorderPoint');
    expect(await stockOf(SHADE)).toEqual({ sku: SHADE, available: 10, reserved: 0, reorderPoint: null });
  });
});
