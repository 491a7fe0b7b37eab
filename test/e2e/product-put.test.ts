import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { until } from './client';
import { expectProblem, shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0, chaos: false });
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

  it('sets the count as the stock endpoint does: StockChanged, StockLow once on a crossing, none for the count it already has', async () => {
    const VASE = 'E2E-Put-Vase';
    const vase = { ...lamp, sku: VASE, name: 'Vase', reorderPoint: 5 };
    expect((await put(VASE, vase)).status).toBe(200); // 10 units
    expect((await put(VASE, { ...vase, available: 4 })).body).toMatchObject({ available: 4 }); // across the point: told
    expect((await put(VASE, { ...vase, available: 4 })).status).toBe(200); // the same count: nothing
    expect((await put(VASE, { ...vase, available: 3 })).status).toBe(200); // lower, the same stretch
    const facts = await settled(VASE, 8);
    expect(ofType(facts, 'ProductUpdated').map((d) => (d.product as Product).available)).toEqual([10, 4, 4, 3]);
    expect(ofType(facts, 'StockChanged').map(({ previous, available, delta, low }) => ({ previous, available, delta, low }))).toEqual([
      { previous: 0, available: 10, delta: 10, low: false },
      { previous: 10, available: 4, delta: -6, low: true },
      { previous: 4, available: 3, delta: -1, low: true },
    ]);
    expect(ofType(facts, 'StockChanged').every((d) => d.availableAsOf === 'change' && d.reason === 'adjustment')).toBe(true);
    expect(ofType(facts, 'StockLow')).toEqual([{ sku: VASE, name: 'Vase', available: 4, reorderPoint: 5, availableAsOf: 'change' }]);
    expect(await shop.api('GET', '/admin/stock?low=true', { headers: shop.admin }).then((r) => r.body)).toMatchObject({
      items: expect.arrayContaining([{ sku: VASE, available: 3, reserved: 0, reorderPoint: 5 }]),
    });
  });
});
