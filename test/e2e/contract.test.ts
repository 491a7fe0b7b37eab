import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '#runtime/http-schemas';
import { matchRoute } from '#runtime/route-match';
import { routes, type RouteKey, type RouteSpec } from '#wiring';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';

/**
 * The HTTP contract as API.md states it, checked on every response of the README's flow: the
 * headers (nosniff everywhere; no-store on all but the public catalog's reads) and the body
 * (exactly its declared schema: parsed with the wiring's zod schema, which drops unknown keys,
 * it must come out equal to what was sent). Then the cursors: opaque, and only the server's.
 */

let runtime: LocalRuntime;
const exchanges: Exchange[] = [];
const customerSub = 'contract-customer-sub-4242';

interface Exchange {
  method: string;
  path: string;
  route: RouteKey | undefined;
  status: number;
  headers: Record<string, string>;
  text: string;
  body: unknown;
}

/** One call to the API, kept for the checks below; `raw` is sent as is. */
const api = async (method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) => {
  const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: { ...(raw !== undefined && { 'content-type': 'application/json' }), ...options.headers },
    ...(raw !== undefined && { body: raw }),
  });
  const text = await response.text();
  const match = matchRoute(method, new URL(path, 'http://x').pathname);
  const exchange: Exchange = {
    method,
    path,
    route: match.kind === 'route' ? match.key : undefined,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
  exchanges.push(exchange);
  return exchange;
};

/** What API.md asks of every response, checked on one exchange. */
const expectContract = (exchange: Exchange) => {
  const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
  const route = exchange.route ? (routes[exchange.route] as RouteSpec) : undefined;
  const success = route !== undefined && exchange.status === route.response.status;
  const cacheable = success && route.auth === 'public' && exchange.method === 'GET';
  expect({ where, nosniff: exchange.headers['x-content-type-options'] }).toEqual({ where, nosniff: 'nosniff' });
  expect({ where, cacheControl: exchange.headers['cache-control'] }).toEqual({ where, cacheControl: cacheable ? 'public, max-age=60' : 'no-store' });
  if (success && 'contentType' in route.response) {
    // A file (an invoice PDF): its declared type, and no JSON body to hold to a schema.
    expect(exchange.headers['content-type'], where).toBe(route.response.contentType);
  } else if (success && 'schema' in route.response) {
    expect(exchange.headers['content-type'], where).toContain('application/json');
    // Parsing strips what the schema does not declare: equal means nothing undeclared was sent.
    expect({ where, body: route.response.schema.parse(exchange.body) }).toStrictEqual({ where, body: exchange.body });
  } else {
    expect(exchange.headers['content-type'], where).toContain('application/problem+json');
    expect({ where, body: ProblemSchema.parse(exchange.body) }).toStrictEqual({ where, body: exchange.body });
  }
  // The Cognito `sub` of the customer is theirs to know, not a field of any body.
  expect({ where, leaksSub: exchange.text.includes(customerSub) }).toEqual({ where, leaksSub: false });
};

const confirmAtStripe = async (paymentIntentId: string) => {
  const response = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${paymentIntentId}/confirm`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_local_emulator', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payment_method: 'pm_card_visa' }).toString(),
  });
  expect(response.status).toBe(200);
};

type Checkout = { order: { id: string; status: string }; orderToken: string; payment: { paymentIntentId: string } };
const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
let checkouts = 0;

/** The README's cart and checkout, claimed by the signed-in customer when a bearer token is given. */
const placeOrder = async (sku: string, bearer?: string) => {
  const cart = await api('POST', '/carts', { body: {} });
  const { id, token } = cart.body as { id: string; token: string };
  const headers = { 'x-cart-token': token };
  await api('PUT', `/carts/${id}/items/${sku}`, { headers, body: { quantity: 1 } });
  await api('PUT', `/carts/${id}/customer`, { headers, body: { email: `camille+${++checkouts}@example.fr`, shippingAddress: address } });
  if (bearer) await api('POST', `/carts/${id}/claim`, { headers: { ...headers, authorization: `Bearer ${bearer}` } });
  const placed = await api('POST', `/carts/${id}/checkout`, {
    headers: { ...headers, 'idempotency-key': `contract-${checkouts}` },
    body: { acceptTerms: true, termsVersion: '2026-01' },
  });
  expect(placed.status).toBe(201);
  return { cartId: id, headers, placed: placed.body as Checkout };
};

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

describe('the README flow, response by response', () => {
  it('holds every response to its headers and its declared schema', async () => {
    const admin = { authorization: `Bearer ${runtime.adminToken}` };
    const customer = await runtime.mintToken({ sub: customerSub, email: 'camille@example.fr' });
    const signedIn = { authorization: `Bearer ${customer}` };

    await api('GET', '/health');
    await api('GET', '/products?limit=5');
    await api('GET', '/products?category=books');
    await api('GET', '/products/BOOK-PETIT-PRINCE');
    // A SKU in mixed case, as API.md now allows: kept as sent, and distinct from its upper-case twin.
    const sku = 'E2E-LAST-a1b2c3';
    const put = await api('PUT', `/admin/products/${sku}`, {
      headers: admin,
      body: { name: 'Logo mug', type: 'physical', price: { amount: 1290, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ sku });
    expect((await api('POST', `/admin/products/${sku}/stock`, { headers: admin, body: { set: 3 } })).body).toEqual({ sku, available: 3 });
    expect((await api('GET', `/products/${sku}`)).body).toMatchObject({ sku, available: 3 });
    expect((await api('GET', `/products/${sku.toUpperCase()}`)).status).toBe(404);
    expect((await api('PUT', '/admin/promotions/WELCOME10', { headers: admin, body: { kind: 'percent', value: 10 } })).status).toBe(200);

    const cart = await api('POST', '/carts', { body: {} });
    expect(cart.status).toBe(201);
    const { id, token } = cart.body as { id: string; token: string };
    const headers = { 'x-cart-token': token };
    expect((await api('PUT', `/carts/${id}/items/${sku}`, { headers, body: { quantity: 2 } })).status).toBe(200);
    await api('PUT', `/carts/${id}/customer`, { headers, body: { email: 'camille@example.fr', shippingAddress: address } });
    expect((await api('POST', `/carts/${id}/promotions`, { headers, body: { code: 'WELCOME10' } })).status).toBe(200);
    expect((await api('POST', `/carts/${id}/claim`, { headers: { ...headers, ...signedIn } })).status).toBe(200);
    await api('GET', `/carts/${id}`, { headers });
    const checkout = await api('POST', `/carts/${id}/checkout`, {
      headers: { ...headers, 'idempotency-key': 'contract-readme' },
      body: { acceptTerms: true, termsVersion: '2026-01' },
    });
    expect(checkout.status).toBe(201);
    const placed = checkout.body as Checkout;
    const orderToken = { 'x-order-token': placed.orderToken };

    await confirmAtStripe(placed.payment.paymentIntentId);
    const paid = await until(() => api('GET', `/orders/${placed.order.id}`, { headers: orderToken }), (r) => (r.body as { status: string }).status === 'paid');
    expect(paid.body).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/), paidAt: expect.any(String) });
    expect((await api('GET', `/orders/${placed.order.id}/invoice`, { headers: orderToken })).status).toBe(200);
    const mine = await api('GET', '/me/orders', { headers: signedIn });
    expect((mine.body as { items: { id: string }[] }).items.map((o) => o.id)).toContain(placed.order.id);
    expect((await api('GET', `/me/orders/${placed.order.id}`, { headers: signedIn })).status).toBe(200);
    await api('GET', '/openapi.json');

    // Refusals are held to the contract too.
    expect((await api('GET', '/products/NO-SUCH-SKU')).status).toBe(404);
    expect((await api('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': 'not-the-token' } })).status).toBe(404);
    expect((await api('PUT', `/carts/${id}/items/${sku}`, { headers, body: { quantity: 1 } })).status).toBe(409);
    expect((await api('DELETE', '/products/BOOK-PETIT-PRINCE')).status).toBe(405);

    // Every route the README walks through was checked, not only some.
    const walked: RouteKey[] = [
      'GET /health', 'GET /openapi.json', 'GET /products', 'GET /products/{sku}', 'PUT /admin/products/{sku}', 'POST /admin/products/{sku}/stock',
      'PUT /admin/promotions/{code}', 'POST /carts', 'GET /carts/{cartId}', 'PUT /carts/{cartId}/items/{sku}', 'PUT /carts/{cartId}/customer',
      'POST /carts/{cartId}/promotions', 'POST /carts/{cartId}/claim', 'POST /carts/{cartId}/checkout', 'GET /orders/{orderId}',
      'GET /orders/{orderId}/invoice', 'GET /me/orders', 'GET /me/orders/{orderId}',
    ];
    expect(new Set(exchanges.map((e) => e.route))).toEqual(new Set([...walked, undefined]));
    for (const exchange of exchanges) expectContract(exchange);
  });

  it('refuses a body that is not a JSON object with a 400 naming `body`, never a 201', async () => {
    for (const raw of ['null', '[]', '3', '"cart"']) {
      const reply = await api('POST', '/carts', { raw });
      expectContract(reply);
      expect({ raw, status: reply.status, errors: (reply.body as { errors?: unknown }).errors }).toEqual({
        raw,
        status: 400,
        errors: [{ path: 'body', message: 'must be a JSON object' }],
      });
    }
  });
});

describe('pagination cursors over HTTP', () => {
  const cursorRefused = async (path: string, headers: Record<string, string> = {}) => {
    const reply = await api('GET', path, { headers });
    expectContract(reply);
    expect({ path, status: reply.status, errors: (reply.body as { errors?: unknown }).errors }).toEqual({
      path,
      status: 400,
      errors: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
    });
  };
  const base64 = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');

  it('pages through the catalog, and refuses a catalog cursor anywhere else', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api('GET', `/products?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expectContract(page);
      const body = page.body as { items: { sku: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((p) => p.sku));
      cursor = body.nextCursor;
      if (cursor) {
        await cursorRefused(`/products?category=books&limit=4&cursor=${encodeURIComponent(cursor)}`);
        const someone = await runtime.mintToken({ sub: 'cursor-reader' });
        await cursorRefused(`/me/orders?cursor=${encodeURIComponent(cursor)}`, { authorization: `Bearer ${someone}` });
      }
    } while (cursor && seen.length < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('BOOK-PETIT-PRINCE');
  });

  it('answers forged keys (an order, a cart, another customer\'s index entry) with 400, not 500', async () => {
    const eve = await runtime.mintToken({ sub: 'eve' });
    const forged = [
      base64({ PK: 'ORDER#abcdefghij', SK: 'ORDER', GSI1PK: 'CATALOG', GSI1SK: 'x' }),
      base64({ PK: 'CART#abcdefghij', SK: 'CART', GSI1PK: 'CATALOG', GSI1SK: 'x' }),
      base64({ PK: 'ORDER#abcdefghij', SK: 'ORDER', GSI1PK: 'CUSTOMER#alice', GSI1SK: '2026-11-24T10:00:00.000Z#abcdefghij' }),
      'bm90LWpzb24',
      'a.b',
    ];
    for (const cursor of forged) {
      await cursorRefused(`/products?cursor=${encodeURIComponent(cursor)}`);
      await cursorRefused(`/products?category=books&cursor=${encodeURIComponent(cursor)}`);
      await cursorRefused(`/me/orders?cursor=${encodeURIComponent(cursor)}`, { authorization: `Bearer ${eve}` });
    }
  });

  it("refuses one customer's order cursor to another, and follows it for its owner", async () => {
    const alice = await runtime.mintToken({ sub: 'alice-pages', email: 'alice@example.fr' });
    const bob = await runtime.mintToken({ sub: 'bob-pages', email: 'bob@example.fr' });
    const first = (await placeOrder('MUG-ENAMEL-BLUE', alice)).placed.order.id;
    const second = (await placeOrder('APRON-LINEN', alice)).placed.order.id;
    const page1 = await api('GET', '/me/orders?limit=1', { headers: { authorization: `Bearer ${alice}` } });
    expectContract(page1);
    const { items, nextCursor } = page1.body as { items: { id: string }[]; nextCursor: string };
    expect(items.map((o) => o.id)).toEqual([second]);
    expect(nextCursor).toEqual(expect.any(String));
    await cursorRefused(`/me/orders?limit=1&cursor=${encodeURIComponent(nextCursor)}`, { authorization: `Bearer ${bob}` });
    await cursorRefused(`/products?cursor=${encodeURIComponent(nextCursor)}`);
    const page2 = await api('GET', `/me/orders?limit=1&cursor=${encodeURIComponent(nextCursor)}`, { headers: { authorization: `Bearer ${alice}` } });
    expectContract(page2);
    // Her last order ends the listing: no cursor to an empty third page.
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: first })], nextCursor: null });
  });
});
