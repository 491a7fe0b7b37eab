import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RouteHandlers } from '#runtime/http';
import { httpEvent } from '../../fixtures/http-event';
import { aPendingOrder } from '../../fixtures/orders';

/**
 * When a route's first request builds its schemas (contracts are deferred, see #kernel/deferred):
 * its path, query and body before its handler runs; its response schema (the order's is some 180
 * zod schemas) while the handler waits on the network, where it costs the request nothing. Each
 * test loads the modules afresh, so that no other has built the order's schema first.
 */

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const never = async (): Promise<never> => {
  throw new Error('the handler must not be called');
};
const order = { ...aPendingOrder('order-0000001'), shipments: [], returns: [], refunds: [] };

// zod calls its global post-processor once per schema it constructs.
let constructed = 0;
Object.assign((globalThis as unknown as { __zod_globalConfig: object }).__zod_globalConfig, { postProcessor: () => void constructed++ });

/** The orders function's chain, on modules loaded afresh: no schema of theirs is built yet. */
const freshOrders = async (handlers: RouteHandlers<'orders'>) => {
  const [{ httpHandler }, { ordersRoutes }] = await Promise.all([import('#runtime/http'), import('#ordering/routes')]);
  return httpHandler(ordersRoutes, 'orders', handlers) as unknown as Handler;
};

describe("a route's first request", () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('builds its response schema while its handler waits, not before the handler runs', async () => {
    const seen: Record<string, number> = {};
    const orders = await freshOrders({
      'GET /orders/{orderId}': async () => {
        seen.whenCalled = constructed;
        await new Promise((resolve) => setTimeout(resolve, 20)); // as a DynamoDB read would
        seen.afterWaiting = constructed;
        return order;
      },
      'GET /me/orders': never,
      'GET /me/orders/{orderId}': never,
      'GET /admin/orders': never,
      'GET /admin/orders/{orderId}': never,
      'GET /admin/reports/sales': never,
    });
    constructed = 0;

    const response = await orders(httpEvent('GET', '/orders/order-0000001', { headers: { 'x-order-token': 't' } }), context);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toMatchObject({ id: 'order-0000001', status: 'pending_payment' });
    // Before the handler: the path's schemas only. While it waited: the order's.
    expect(seen.whenCalled).toBeLessThan(20);
    expect(seen.afterWaiting! - seen.whenCalled!).toBeGreaterThan(150);
  });

  it('answers from a handler that never waits: its result builds the schema it is reduced to', async () => {
    const orders = await freshOrders({
      'GET /orders/{orderId}': async () => ({ ...order, customerId: 'cognito-sub-1234' }),
      'GET /me/orders': never,
      'GET /me/orders/{orderId}': never,
      'GET /admin/orders': never,
      'GET /admin/orders/{orderId}': never,
      'GET /admin/reports/sales': never,
    });

    const response = await orders(httpEvent('GET', '/orders/order-0000001', { headers: { 'x-order-token': 't' } }), context);

    expect(response.statusCode).toBe(200);
    const body = JSON.parse(String(response.body)) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'order-0000001', status: 'pending_payment' });
    expect(body).not.toHaveProperty('customerId');
  });
});
