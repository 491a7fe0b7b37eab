import { connect } from 'node:net';
import { documentedPath } from '#runtime/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { routes } from '#wiring';
import { client, until } from './client';
import { expectProblem } from './shop';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0 });
  api = client(runtime.apiUrl);
});

const portIsClosed = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

afterAll(async () => {
  const dynamo = runtime.dynamoEndpoint;
  await runtime.stop();
  // Nothing left behind: DynamoDB Local (a Java process) no longer answers.
  expect(await portIsClosed(dynamo)).toBe(true);
});

type Page = { items: { sku: string; type: string; category: string; taxCategory: string; price: { amount: number; currency: string } }[]; nextCursor: string | null };

describe('catalog over HTTP', () => {
  it('serves the seeded catalog: 12+ products, physical and digital, EUR, French VAT categories', async () => {
    const all: Page['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Awaited<ReturnType<typeof api<Page>>> = await api<Page>('GET', `/products?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(5);
      all.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.sku)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.type))).toEqual(new Set(['physical', 'digital']));
    expect(all.every((p) => p.price.currency === 'EUR' && Number.isInteger(p.price.amount))).toBe(true);
    expect([...new Set(all.map((p) => p.taxCategory))]).toEqual(expect.arrayContaining(['standard', 'books', 'digital']));
  });

  it('filters by category and reads one product', async () => {
    const books = await api<Page>('GET', '/products?category=books');
    expect(books.status).toBe(200);
    expect(books.body.items.map((p) => p.sku).sort()).toEqual(['BOOK-CUISINE-FR', 'BOOK-GUIDE-PARIS', 'BOOK-PETIT-PRINCE']);
    const one = await api('GET', '/products/BOOK-PETIT-PRINCE');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ sku: 'BOOK-PETIT-PRINCE', taxCategory: 'books' });
  });

  it('answers health and an OpenAPI 3.1 document listing every route', async () => {
    expect((await api('GET', '/health')).body).toEqual({ status: 'ok' });
    const doc = await api<{ openapi: string; paths: Record<string, Record<string, { summary: string }>> }>('GET', '/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\.1/);
    for (const [key, route] of Object.entries(routes)) {
      const [method] = key.split(' ') as [string, string];
      expect({ key, summary: doc.body.paths[documentedPath(key)]?.[method.toLowerCase()]?.summary }).toEqual({ key, summary: route.summary });
    }
  });
});

describe('errors are problem+json', () => {
  it('unknown product 404, unknown route 404, wrong method 405', async () => {
    expectProblem(await api('GET', '/products/NO-SUCH-SKU'), 404);
    expectProblem(await api('GET', '/nowhere'), 404);
    expectProblem(await api('DELETE', '/products'), 405);
  });

  it('bad query 400 naming the field', async () => {
    const reply = await api('GET', '/products?limit=abc&colour=red');
    expectProblem(reply, 400);
    expect(reply.text).toContain('limit');
    expect(reply.text).toContain('colour');
  });

  it('admin routes: 401 without a token, 403 without the admin group', async () => {
    const body = { delta: 1 };
    expectProblem(await api('POST', '/admin/products/MUG-ENAMEL-BLUE/stock', { body }), 401);
    const customer = await runtime.mintToken({ sub: 'c-1', groups: [] });
    expectProblem(await api('POST', '/admin/products/MUG-ENAMEL-BLUE/stock', { body, headers: { authorization: `Bearer ${customer}` } }), 403);
    expectProblem(await api('POST', '/admin/products/MUG-ENAMEL-BLUE/stock', { body, headers: { authorization: 'Bearer not.a.jwt' } }), 401);
  });

  it('malformed JSON 400, unknown fields 400 naming them, over 64 KB 413, and nothing changes', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const before = await api('GET', '/products/MUG-ENAMEL-BLUE');
    expectProblem(await api('PUT', '/admin/products/MUG-ENAMEL-BLUE', { raw: '{"name": ', headers: admin }), 400);
    const unknown = await api('PUT', '/admin/products/MUG-ENAMEL-BLUE', { body: { ...(before.body as object), sku: undefined, colour: 'red' }, headers: admin });
    expectProblem(unknown, 400);
    expect(unknown.text).toContain('colour');
    expectProblem(await api('PUT', '/admin/products/MUG-ENAMEL-BLUE', { raw: JSON.stringify({ name: 'x'.repeat(70_000) }), headers: admin }), 413);
    expect((await api('GET', '/products/MUG-ENAMEL-BLUE')).body).toEqual(before.body);
  });

  it('a stock body at fault: 400 naming `set` or `delta` (both when neither is sent), and the stock stays as it was', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const before = await api('GET', '/products/MUG-ENAMEL-BLUE');
    const pathsOf = async (body: object) => {
      const reply = await api<{ errors: { path: string }[] }>('POST', '/admin/products/MUG-ENAMEL-BLUE/stock', { body, headers: admin });
      expectProblem(reply, 400);
      return reply.body.errors.map((e) => e.path);
    };
    expect(await pathsOf({})).toEqual(['delta', 'set']);
    expect(await pathsOf({ set: 1.5 })).toEqual(['set']);
    expect(await pathsOf({ set: '5' })).toEqual(['set']);
    expect(await pathsOf({ delta: 0 })).toEqual(['delta']);
    expect(await pathsOf({ delta: 1, set: 2 })).toEqual(['delta', 'set']);
    expect((await api('GET', '/products/MUG-ENAMEL-BLUE')).body).toEqual(before.body);
  });

  it('never answers 500 to garbage sent to any route', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const garbage = ['', '[]', 'null', '"text"', '{"a":', '{"quantity":-1}', '{"__proto__":{"x":1}}', '{"price":{"amount":1e400}}'];
    for (const key of Object.keys(routes)) {
      const [method, template] = key.split(' ') as [string, string];
      const path = template.replace(/\{[^}]+\}/g, '%E2%98%83%20..%2F');
      for (const raw of method === 'GET' || method === 'DELETE' ? [undefined] : garbage) {
        const reply = await api(method, path, { ...(raw !== undefined && { raw }), headers: { ...admin, 'idempotency-key': 'k-1', 'x-cart-token': 'x' } });
        expect({ key, raw, status: reply.status < 500 }).toEqual({ key, raw, status: true });
      }
    }
  });
});

describe('admin and events', () => {
  it('updates a product and its stock, publishing ProductUpdated and StockChanged', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const put = await api('PUT', '/admin/products/POSTER-LYON', {
      headers: admin,
      body: { name: 'Affiche Lyon', description: 'Sérigraphie, 50×70 cm.', type: 'physical', price: { amount: 2500, currency: 'EUR' }, taxCategory: 'standard', category: 'posters' },
    });
    expect(put.status).toBe(200);
    const stock = await api('POST', '/admin/products/POSTER-LYON/stock', { headers: admin, body: { set: 7 } });
    expect(stock.status).toBe(200);
    expect(stock.body).toEqual({ sku: 'POSTER-LYON', available: 7 });
    expect((await api('GET', '/products/POSTER-LYON')).body).toMatchObject({ name: 'Affiche Lyon', available: 7 });
    // Each fact is written with its change (outbox) and published by the relay a moment later.
    const mine = async () => {
      const events = await api<{ items: { 'detail-type': string; detail: { data: { sku?: string; product?: { sku: string } } } }[] }>('GET', '/dev/events');
      return events.body.items.filter((e) => (e.detail.data.sku ?? e.detail.data.product?.sku) === 'POSTER-LYON').map((e) => e['detail-type']);
    };
    expect((await until(mine, (types) => types.length >= 2)).sort()).toEqual(['ProductUpdated', 'StockChanged']);
  });

  it("prices a product in the shop's currency only: a price in USD is a 422 naming price.currency, and nothing is saved", async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const body = { name: 'Affiche New York', type: 'physical', price: { amount: 2500, currency: 'USD' }, taxCategory: 'standard', category: 'posters' };
    const refused = await api('PUT', '/admin/products/POSTER-NYC', { headers: admin, body });
    expectProblem(refused, 422, 'price.currency');
    expect(refused.text).toContain('EUR');
    expectProblem(await api('GET', '/products/POSTER-NYC'), 404);
    expect((await api('PUT', '/admin/products/POSTER-NYC', { headers: admin, body: { ...body, price: { amount: 2500, currency: 'EUR' } } })).status).toBe(200);
  });

  it('a stock change sent twice with one Idempotency-Key is made once and answered alike; another body → 422; another product → its own; no key → made each time', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const [a, b] = ['STOCK-KEY-A', 'STOCK-KEY-B'];
    for (const sku of [a, b]) {
      const body = { name: `Carnet ${sku}`, description: 'Papier recyclé.', type: 'physical', price: { amount: 900, currency: 'EUR' }, taxCategory: 'standard', category: 'stationery' };
      expect((await api('PUT', `/admin/products/${sku}`, { headers: admin, body })).status).toBe(200);
      expect((await api('POST', `/admin/products/${sku}/stock`, { headers: admin, body: { set: 10 } })).status).toBe(200);
    }
    const stockOf = async (sku: string) => (await api<{ available: number }>('GET', `/products/${sku}`)).body.available;
    const change = (sku: string, body: object, headers: Record<string, string> = { ...admin, 'idempotency-key': 'stock-key-1' }) =>
      api('POST', `/admin/products/${sku}/stock`, { headers, body });

    const first = await change(a, { delta: 1 });
    const again = await change(a, { delta: 1 });
    expect({ status: first.status, body: first.body }).toEqual({ status: 200, body: { sku: a, available: 11 } });
    expect({ status: again.status, body: again.text }).toEqual({ status: 200, body: first.text });
    expect(await stockOf(a)).toBe(11);
    // The admin group is checked before any replay.
    const customer = await runtime.mintToken({ sub: 'c-stock', groups: [] });
    expectProblem(await change(a, { delta: 1 }, { authorization: `Bearer ${customer}`, 'idempotency-key': 'stock-key-1' }), 403);
    expectProblem(await change(a, { delta: 2 }), 422, 'header.idempotency-key');
    expectProblem(await change(a, { delta: 1 }, { ...admin, 'idempotency-key': '' }), 400, 'header.idempotency-key');
    expect(await stockOf(a)).toBe(11);

    expect((await change(b, { delta: 1 })).body).toEqual({ sku: b, available: 11 });

    // Sent at once with one key: made once; the other is the same answer, or a 409 while the first runs.
    const racing = await Promise.all([change(a, { delta: 5 }, { ...admin, 'idempotency-key': 'stock-key-2' }), change(a, { delta: 5 }, { ...admin, 'idempotency-key': 'stock-key-2' })]);
    expect(racing.map((r) => r.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const reply of racing) if (reply.status !== 200) expectProblem(reply, 409);
    expect(await stockOf(a)).toBe(16);

    // Without a key, as clients sent it before the route took keys: each delta is added.
    for (const expected of [17, 18]) expect((await change(a, { delta: 1 }, admin)).body).toEqual({ sku: a, available: expected });
  });
});
