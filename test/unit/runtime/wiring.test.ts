import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderPlaced, OrderPaid } from '#ordering/contracts/events';
import type { ContextWiring, FunctionSpec } from '#runtime/wiring-spec';
import { composeWiring, contexts, contextOf, functions, queues, rules } from '#wiring';
import { matchesPattern } from '../../../infra/local/event-pattern';

const worker = { kind: 'worker', description: 'w', grants: [] } as const;
const http = { kind: 'http', description: 'h', grants: [] } as const;
const queue = { worker: 'w', description: 'q', consumes: [OrderPlaced], visibilityTimeoutSeconds: 60, maxReceiveCount: 5, batchSize: 10, maxBatchingWindowSeconds: 0 };
const empty: ContextWiring = { functions: {}, routes: {}, queues: {}, schedules: {}, events: [] };
const route = (fn: string) => ({ function: fn, auth: 'public' as const, summary: 's', response: { status: 200, schema: OrderPaid.schema } });

describe('the wiring, composed from one module per bounded context', () => {
  it('gives each queue a visibility timeout of at least six times its worker\'s timeout plus its batching window, as AWS advises', () => {
    // Shorter, and a message whose batch is still being worked on (or retried by Lambda's poller) shows again, and runs twice.
    for (const [name, queue] of Object.entries(queues)) {
      const timeout = (functions[queue.worker] as FunctionSpec).timeoutSeconds ?? 10;
      expect({ name, visibility: queue.visibilityTimeoutSeconds >= 6 * timeout + queue.maxBatchingWindowSeconds }).toEqual({ name, visibility: true });
    }
  });

  it('refuses a route, a function or a queue declared by two contexts', () => {
    const a = { ...empty, functions: { h: http }, routes: { 'GET /x': route('h') } };
    expect(() => composeWiring({ a, b: { ...empty, routes: { 'GET /x': route('h') } } })).toThrow(/routes "GET \/x" twice \(again in b\)/);
    expect(() => composeWiring({ a, b: { ...empty, functions: { h: http } } })).toThrow(/functions "h" twice/);
    const q = { ...empty, functions: { w: worker }, queues: { q: queue } };
    expect(() => composeWiring({ q, r: { ...empty, queues: { q: queue } } })).toThrow(/queues "q" twice/);
  });

  it('refuses a route to a function nobody declares, or a queue whose worker is not a worker', () => {
    expect(() => composeWiring({ a: { ...empty, routes: { 'GET /x': route('ghost') } } })).toThrow(/route GET \/x names ghost/);
    expect(() => composeWiring({ a: { ...empty, functions: { w: http }, queues: { q: queue } } })).toThrow(/queue q names w, not a worker/);
  });

  it("derives each queue's rule from the contracts its worker consumes, narrowed by its filter", () => {
    const wiring = composeWiring({ a: { ...empty, functions: { w: worker }, queues: { q: { ...queue, consumes: [OrderPlaced, OrderPaid], filter: { detail: { data: { x: [1] } } } } } } });
    expect(wiring.rules.q?.pattern).toEqual({ source: ['commerce.orders'], 'detail-type': ['OrderPlaced', 'OrderPaid'], detail: { data: { x: [1] } } });
    expect(rules.notifications.pattern).toEqual({
      source: ['commerce.orders', 'commerce.fulfillment', 'commerce.inventory', 'commerce.returns'],
      'detail-type': [
        'OrderPaid',
        'OrderShipped',
        'OrderDelivered',
        'DigitalGoodsDelivered',
        'StockLow',
        'ReturnRequested',
        'ReturnApproved',
        'ReturnRejected',
        'ReturnReceived',
        'RefundIssued',
        'RefundFailed',
        'RefundOverdue',
      ],
    });
  });

  it('sends the digital-delivery worker only the paid orders that have a digital line', () => {
    const paid = (...types: string[]) => ({
      source: 'commerce.orders',
      'detail-type': 'OrderPaid',
      detail: { metadata: { eventId: 'e1', version: 1 }, data: { order: { id: 'o1', items: types.map((type, i) => ({ sku: `SKU-${i}`, type })) } } },
    });
    expect(matchesPattern(rules['digital-delivery'].pattern, paid('physical', 'digital'))).toBe(true);
    expect(matchesPattern(rules['digital-delivery'].pattern, paid('digital'))).toBe(true);
    expect(matchesPattern(rules['digital-delivery'].pattern, paid('physical', 'physical'))).toBe(false);
  });

  it('names the context of every function, and keeps each context wiring module small', () => {
    expect(contextOf('checkout')).toBe('ordering');
    expect(contextOf('catalog-admin')).toBe('catalog');
    expect(Object.keys(functions).every((fn) => contextOf(fn as keyof typeof functions) !== undefined)).toBe(true);
    for (const name of Object.keys(contexts)) {
      const lines = readFileSync(new URL(`../../../shared/${name}/wiring.ts`, import.meta.url), 'utf8').split('\n').length;
      expect({ name, small: lines < 200 }).toEqual({ name, small: true });
    }
  });
});
