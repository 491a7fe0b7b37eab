import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { address, expectProblem, shopper } from './shop';

/**
 * The edge of the API as a client that sends what it likes sees it: text no one can read, query
 * parameters no route takes, request targets a URL parser would rewrite, requests Node's parser
 * refuses. Each is a 4xx problem+json that names what is wrong, and changes nothing.
 */

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005, chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

/** What no reader should get: each with the field it goes in and the rule it breaks. */
const unreadable = [
  { field: 'name', value: 'A\u0000B\u0007C', message: 'must not contain control characters or line breaks' },
  { field: 'line1', value: 'rue\u0000\u001b[31m', message: 'must not contain control characters or line breaks' },
  { field: 'name', value: '\ud800Zoé', message: 'must not contain an unpaired UTF-16 surrogate (it is not Unicode text)' },
  { field: 'name', value: '\u202eevil\u202c', message: 'must not contain bidirectional override, embedding or isolate characters (U+202A to U+202E, U+2066 to U+2069)' },
  { field: 'line1', value: '\u200b', message: 'must contain visible characters, not only spaces or invisible ones' },
  { field: 'line2', value: '\u2060\ufeff', message: 'must contain visible characters, not only spaces or invisible ones' },
  { field: 'city', value: 'Paris\u0085', message: 'must not contain control characters or line breaks' },
];

/** A request sent as written: fetch would resolve `%2E%2E` itself, and refuses methods it does not know. */
const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(runtime.apiUrl);
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

const expectRawProblem = (reply: Awaited<ReturnType<typeof raw>>, status: number, mentions: string) => {
  expect({ status: reply.status, type: reply.headers['content-type'], nosniff: reply.headers['x-content-type-options'] }).toEqual({
    status,
    type: 'application/problem+json',
    nosniff: 'nosniff',
  });
  expect(JSON.parse(reply.body)).toMatchObject({ status, detail: expect.stringContaining(mentions) });
};

describe('human text', () => {
  it("a cart's addresses: refused by the field's name, and the cart left as it was", async () => {
    const cart = await shop.openCart({}, null);
    for (const { field, value, message } of unreadable) {
      for (const which of ['shippingAddress', 'billingAddress']) {
        const reply = await shop.api('PUT', `/carts/${cart.id}/customer`, {
          body: { email: 'camille@example.fr', shippingAddress: address, [which]: { ...address, [field]: value } },
          headers: cart.headers,
        });
        expectProblem(reply, 400);
        expect({ field, which, errors: (reply.body as { errors: unknown }).errors }).toEqual({ field, which, errors: [{ path: `${which}.${field}`, message }] });
      }
    }
    expect((await shop.api<{ customer: unknown }>('GET', `/carts/${cart.id}`, { headers: cart.headers })).body.customer).toBeNull();
  });

  it('a name is kept in composed form (NFC), as the invoice prints it', async () => {
    const cart = await shop.openCart({}, null);
    const reply = await shop.api<{ customer: { shippingAddress: { name: string } } }>('PUT', `/carts/${cart.id}/customer`, {
      body: { email: 'zoe@example.fr', shippingAddress: { ...address, name: '  Zoe\u0301 Martin ' } },
      headers: cart.headers,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.customer.shippingAddress.name).toBe('Zo\u00e9 Martin');
  });

  it('the terms version given at checkout', async () => {
    const cart = await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 });
    const reply = await shop.checkout(cart, { acceptTerms: true, termsVersion: '2026-01\u0000' });
    expectProblem(reply, 400, 'termsVersion must not contain control characters');
  });

  it("a product's name and description in the back office", async () => {
    const product = { name: '\u202eevil', description: 'Stoneware.\n\u200bDishwasher safe.\u0007', type: 'physical', price: { amount: 900, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' };
    const reply = await shop.api('PUT', '/admin/products/EDGE-MUG', { body: product, headers: shop.admin });
    expectProblem(reply, 400);
    expect((reply.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['name', 'description']);
    expect((await shop.api('GET', '/products/EDGE-MUG')).status).toBe(404);
  });

  it("the seller's identity in the settings", async () => {
    const settings = (await shop.api<{ seller: Record<string, unknown> }>('GET', '/admin/settings', { headers: shop.admin })).body;
    const reply = await shop.api('PUT', '/admin/settings', { body: { ...settings, seller: { ...settings.seller, name: 'Boutique\u202e', rcs: '\u200b' } }, headers: shop.admin });
    expectProblem(reply, 400);
    expect((reply.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['seller.name', 'seller.rcs']);
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toEqual(settings);
  });

  it('the reasons of a rejected return and of a refund', async () => {
    const rejected = await shop.api('POST', '/admin/returns/return-0000000001/reject', { body: { reason: 'Damaged\u0000' }, headers: shop.admin });
    expectProblem(rejected, 400, 'reason must not contain control characters');
    const refund = await shop.api('POST', '/admin/orders/order-0000000001/refunds', { body: { reason: '\u200b\u200b' }, headers: { ...shop.admin, 'idempotency-key': 'edge-refund-1' } });
    expectProblem(refund, 400, 'reason must contain visible characters');
  });
});

describe('query parameters', () => {
  it('an integer is plain decimal digits: not 0x10, 1e2 or " 5"', async () => {
    for (const limit of ['0x10', '1e2', '%205']) {
      const reply = await shop.api('GET', `/products?limit=${limit}`);
      expectProblem(reply, 400, 'query.limit must be a whole number from 1 to 100, in decimal digits');
    }
    expect((await shop.api('GET', '/products?limit=5')).status).toBe(200);
  });

  it('a route that declares none refuses each one sent, by name, as the listings do', async () => {
    const cart = await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 });
    const placed = (await shop.checkout(cart)).body;
    const order = { 'x-order-token': placed.orderToken };
    const refusals = [
      shop.api('GET', `/orders/${placed.order.id}?x=1`, { headers: order }),
      shop.api('GET', `/carts/${cart.id}?x=1`, { headers: cart.headers }),
      shop.api('GET', '/admin/settings?x=1', { headers: shop.admin }),
      shop.api('GET', '/health?x=1'),
      shop.api('GET', `/orders/${placed.order.id}/invoice.pdf?token=${placed.orderToken}&x=1`),
    ];
    for (const reply of await Promise.all(refusals)) expectProblem(reply, 400, 'query.x is not a known field');
    // Authorization first: without the order's token, the order is not there, whatever the query.
    for (const path of [`/orders/${placed.order.id}?x=1`, `/orders/${placed.order.id}/invoice?x=1`, `/orders/${placed.order.id}/downloads?x=1`, `/carts/${cart.id}?x=1`]) {
      expectProblem(await shop.api('GET', path), 404);
    }
    const created = await shop.api('POST', '/carts?currency=USD', { body: {} });
    expectProblem(created, 400, 'query.currency is not a known field');
  });

  it('the order token of an emailed link is the one a document route takes', async () => {
    const cart = await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 });
    const placed = (await shop.checkout(cart)).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    await shop.orderUntil(placed, (o) => o.invoiceNumber !== null);
    const pdf = await fetch(`${runtime.apiUrl}/orders/${placed.order.id}/invoice.pdf?token=${placed.orderToken}`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });
});

describe('actions that take no body', () => {
  it('refuse a field sent by name (400), before anything else is looked at, and change nothing; no body or {} is the request', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }))).body as { order: { id: string } };
    const actions = [
      `/admin/orders/${placed.order.id}/cancel`,
      `/admin/orders/${placed.order.id}/shipments/s-unknown/delivered`,
      '/admin/dead-letters/payments/redrive',
      '/admin/returns/r-unknown/approve',
    ];
    for (const path of actions) expectProblem(await shop.api('POST', path, { body: { note: 'please' }, headers: shop.admin }), 400, 'note is not a known field');
    const order = (id: string) => shop.api<{ status: string }>('GET', `/admin/orders/${id}`, { headers: shop.admin });
    expect((await order(placed.order.id)).body.status).toBe('pending_payment');
    expect((await shop.api<{ status: string }>('POST', `/admin/orders/${placed.order.id}/cancel`, { body: {}, headers: shop.admin })).body.status).toBe('cancelled');
  });
});

describe('the request target, read as API Gateway reads it', () => {
  it('a path starting with // is a path, not a host: it matches no route', async () => {
    expectRawProblem(await raw('GET', '//admin/products/BOOK-PETIT-PRINCE'), 404, 'No route for //admin/products/BOOK-PETIT-PRINCE');
    expectRawProblem(await raw('GET', '//products/BOOK-PETIT-PRINCE'), 404, 'No route');
  });

  it('encoded dot segments are not resolved: they are a segment like any other', async () => {
    expectRawProblem(await raw('GET', '/products/x/%2E%2E/BOOK-PETIT-PRINCE'), 404, 'No route for /products/x/%2E%2E/BOOK-PETIT-PRINCE');
    // A whole segment is the route's parameter, and its schema refuses it by name.
    const dots = await raw('PUT', '/admin/products/%2E%2E', { authorization: `Bearer ${runtime.adminToken}`, 'content-type': 'application/json' });
    expectRawProblem(dots, 400, 'path.sku');
  });

  it("what Node's parser refuses is a problem+json too, never sniffed: an unknown method, headers over 16 KB", async () => {
    expectRawProblem(await raw('FOO', '/health'), 400, 'The request method is not one HTTP defines.');
    expectRawProblem(await raw('GET', '/health', { 'x-large': 'a'.repeat(20_000) }), 431, 'The request headers are larger than 16 KB.');
    // The server still answers what comes next.
    expect((await raw('GET', '/health')).status).toBe(200);
  });
});
