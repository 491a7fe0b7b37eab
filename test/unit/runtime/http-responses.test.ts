import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { NotFoundError, TooManyRequestsError } from '#kernel/errors';
import { OrderSchema } from '#ordering/contracts/http';
import { cartsRoutes } from '#cart/routes';
import { catalogRoutes } from '#catalog/routes';
import { ordersRoutes } from '#ordering/routes';
import { httpHandler } from '#runtime/http';
import { httpEvent } from '../../fixtures/http-event';
import { aPendingOrder } from '../../fixtures/orders';

/**
 * The HTTP chain's side of the contract: what every response carries (headers), what a body may
 * hold (exactly its declared schema), and which request bodies are refused before any handler.
 * Handlers here are stubs: the chain is what is under test.
 */

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const call = async (handler: unknown, ...args: Parameters<typeof httpEvent>) => {
  const response = await (handler as Handler)(httpEvent(...args), context);
  return { ...response, json: JSON.parse(String(response.body)) as Record<string, unknown> };
};
const never = async (): Promise<never> => {
  throw new Error('the handler must not be called');
};

const product = { sku: 'MUG-1', name: 'Mug', description: '', type: 'physical', price: { amount: 900, currency: 'EUR' }, taxCategory: 'standard', available: 3, category: 'kitchen', updatedAt: '2026-11-24T10:00:00.000Z' };
/** The order as the table holds it, with what the customer must never see. */
const storedOrder = {
  ...aPendingOrder('order-0000001', {
    customerId: 'cognito-sub-1234',
    paidAt: '2026-11-24T10:05:00.000Z',
    review: { reason: 'amount_mismatch', received: { amount: 1, currency: 'EUR' }, at: '2026-11-24T10:05:00.000Z' },
    lateRefund: { refundId: 're_1', at: '2026-11-24T10:06:00.000Z' },
  }),
  shipments: [],
  returns: [],
  refunds: [],
};

let lastSku: string | undefined;
let productResult: () => Promise<unknown> = async () => product;
const catalog = httpHandler(catalogRoutes, 'catalog', {
  'GET /health': async () => ({ status: 'ok' }),
  'GET /openapi.json': async () => ({ openapi: '3.1.0' }),
  'GET /products': async () => ({ items: [{ ...product, PK: 'PRODUCT#MUG-1', GSI1PK: 'CATALOG' }], nextCursor: null }),
  'GET /products/{sku}': async ({ params }) => {
    lastSku = params.sku;
    return productResult();
  },
});
let orderResult: () => Promise<unknown> = async () => storedOrder;
const orders = httpHandler(ordersRoutes, 'orders', {
  'GET /orders/{orderId}': () => orderResult(),
  'GET /me/orders': async () => ({ items: [storedOrder], nextCursor: null }),
  'GET /me/orders/{orderId}': async () => storedOrder,
  'GET /admin/orders': never,
  'GET /admin/orders/{orderId}': never,
  'GET /admin/reports/sales': never,
});
const carts = httpHandler(cartsRoutes, 'carts', {
  'POST /carts': never,
  'GET /carts/{cartId}': never,
  'PUT /carts/{cartId}/items/{sku}': never,
  'DELETE /carts/{cartId}/items/{sku}': never,
  'PUT /carts/{cartId}/customer': never,
  'POST /carts/{cartId}/promotions': never,
  'DELETE /carts/{cartId}/promotions/{code}': never,
  'POST /carts/{cartId}/claim': never,
  'PUT /admin/promotions/{code}': never,
});

describe('what a response body may hold', () => {
  it("strips what an order's schema does not declare: the Cognito sub, review flags, bookkeeping", async () => {
    const r = await call(orders, 'GET', '/orders/order-0000001', { headers: { 'x-order-token': 't' } });
    expect(r.statusCode).toBe(200);
    for (const hidden of ['customerId', 'review', 'lateRefund', 'cartId', 'taxBreakdown']) expect(r.json).not.toHaveProperty(hidden);
    expect(JSON.stringify(r.json)).not.toContain('cognito-sub-1234');
    expect((r.json.items as Record<string, unknown>[])[0]).not.toHaveProperty('taxCategory');
    // What is declared is all there, and nothing else.
    expect(r.json).toStrictEqual(OrderSchema.parse(storedOrder));
    expect(r.json).toMatchObject({ id: 'order-0000001', paidAt: '2026-11-24T10:05:00.000Z', payment: { paymentIntentId: 'pi_order-0000001' } });
  });

  it('strips inside pages too: no table keys in a product listing, no sub in a customer listing', async () => {
    const page = await call(catalog, 'GET', '/products');
    expect(page.json).toStrictEqual({ items: [product], nextCursor: null });
    const mine = await call(orders, 'GET', '/me/orders', { claims: { sub: 'cognito-sub-1234' } });
    expect(JSON.stringify(mine.json)).not.toContain('cognito-sub-1234');
  });

  it('sends back an order kept with a country taken before only assigned ISO codes were (XK), not a 500', async () => {
    const shippingAddress = { name: 'Arta Krasniqi', line1: 'Rruga Nëna Terezë 1', postalCode: '10000', city: 'Prishtinë', country: 'XK' };
    orderResult = async () => ({ ...storedOrder, customer: { ...storedOrder.customer, shippingAddress } });
    try {
      const r = await call(orders, 'GET', '/orders/order-0000001', { headers: { 'x-order-token': 't' } });
      expect(r.statusCode).toBe(200);
      expect(r.json).toMatchObject({ customer: { shippingAddress } });
    } finally {
      orderResult = async () => storedOrder;
    }
  });

  it('answers a result that breaks its own schema with a bare 500, and leaks none of it', async () => {
    orderResult = async () => ({ ...storedOrder, totals: 'not totals', customerId: 'cognito-sub-1234' });
    try {
      const r = await call(orders, 'GET', '/orders/order-0000001');
      expect(r.statusCode).toBe(500);
      expect(r.headers?.['content-type']).toBe('application/problem+json');
      expect(r.body).not.toContain('cognito-sub-1234');
      expect(r.body).not.toContain('totals');
    } finally {
      orderResult = async () => storedOrder;
    }
  });
});

describe('headers on every response', () => {
  it('lets the public catalog reads be cached a minute, with nosniff', async () => {
    for (const path of ['/products', '/products/MUG-1', '/health']) {
      const r = await call(catalog, 'GET', path);
      expect({ path, status: r.statusCode, headers: r.headers }).toMatchObject({
        path,
        status: 200,
        headers: { 'cache-control': 'public, max-age=60', 'x-content-type-options': 'nosniff' },
      });
    }
  });

  it('keeps personal data out of caches: no-store on an order, read with a token or signed in', async () => {
    for (const r of [
      await call(orders, 'GET', '/orders/order-0000001', { headers: { 'x-order-token': 't' } }),
      await call(orders, 'GET', '/me/orders', { claims: { sub: 'c1' } }),
    ]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    }
  });

  it('never lets a problem be stored, even on a public route, and keeps its own headers', async () => {
    productResult = async () => {
      throw new NotFoundError('There is no product MUG-2.');
    };
    try {
      const missing = await call(catalog, 'GET', '/products/MUG-2');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-type': 'application/problem+json' });
      productResult = async () => {
        throw new TooManyRequestsError('Slow down.', 42);
      };
      const limited = await call(catalog, 'GET', '/products/MUG-2');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers).toMatchObject({ 'retry-after': '42', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    } finally {
      productResult = async () => product;
    }
    const wrongMethod = await call(catalog, 'DELETE', '/products/MUG-1');
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers).toMatchObject({ allow: 'GET', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const unauthenticated = await call(orders, 'GET', '/me/orders');
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });
});

describe('request bodies that are not a JSON object', () => {
  it.each(['null', '[]', '3', '"text"', 'true'])('refuses %s as a body with a 400 naming `body`', async (raw) => {
    const r = await call(carts, 'POST', '/carts', { body: raw });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'body', message: 'must be a JSON object' }]);
  });

  it('refuses a body that names a member twice (JSON.parse keeps the last, a gateway may keep the first) with a 400 naming it', async () => {
    const r = await call(carts, 'POST', '/carts', { body: '{"currency":"EUR","currency":"USD"}' });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'currency', message: 'is given twice: send it once' }]);
  });

  it('still reads no body at all as an empty object (the handler is reached)', async () => {
    const r = await call(carts, 'POST', '/carts');
    // The stub throws a plain error once reached: a 500 here proves validation let `{}` through.
    expect(r.statusCode).toBe(500);
  });
});

describe('SKUs, as API.md has them', () => {
  it('takes letters of either case, digits, "-", "_" and ".", and keeps their case', async () => {
    for (const sku of ['E2E-LAST-a1b2c3', 'x', 'mug_blue.v2', 'A'.repeat(64)]) {
      const r = await call(catalog, 'GET', `/products/${sku}`);
      expect({ sku, status: r.statusCode, seen: lastSku }).toEqual({ sku, status: 200, seen: sku });
    }
  });

  it('refuses other characters, more than 64, and the dot-segments a URL cannot carry', async () => {
    for (const sku of ['mug%20blue', 'a'.repeat(65), '..', '.', 'caf%C3%A9']) {
      const r = await call(catalog, 'GET', `/products/${sku}`);
      expect({ sku, status: r.statusCode, path: (r.json.errors as { path: string }[] | undefined)?.[0]?.path }).toEqual({ sku, status: 400, path: 'path.sku' });
    }
  });
});
