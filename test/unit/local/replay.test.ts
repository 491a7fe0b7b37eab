import { describe, expect, it } from 'vitest';
import { assertValidRules, LocalBus, type CarriedEvent } from '../../../infra/local/bus';
import { corsResponseHeaders, preflight } from '../../../infra/local/cors';

/** A bus with two rules, whose queues record what they are sent. */
const newBus = () => {
  const sent: Record<'payments' | 'inventory', CarriedEvent[]> = { payments: [], inventory: [] };
  const queue = (name: keyof typeof sent) => ({ send: (body: string) => (sent[name].push(JSON.parse(body) as CarriedEvent), 'm') });
  const bus = new LocalBus(
    { payments: queue('payments'), inventory: queue('inventory') },
    {
      rules: {
        payments: { queue: 'payments', pattern: { source: ['commerce.payments'] } },
        inventory: { queue: 'inventory', pattern: { 'detail-type': ['OrderPlaced'] } },
      },
      clock: () => new Date('2030-05-01T10:00:00.123Z'),
    },
  );
  return { bus, sent };
};

const detail = (eventId: string) => ({ metadata: { eventId, version: 1, occurredAt: '2030-05-01T10:00:00.000Z', correlationId: 'c' }, data: {} });

describe('LocalBus replay (as an EventBridge archive replay)', () => {
  it('delivers every carried event to the rules again: same ids, same detail, a replay-name; the archive is unchanged', () => {
    const { bus, sent } = newBus();
    bus.put({ source: 'commerce.orders', detailType: 'OrderPlaced', detail: detail('e-1') });
    bus.put({ source: 'commerce.payments', detailType: 'PaymentSucceeded', detail: detail('e-2') });
    bus.put({ source: 'commerce.catalog', detailType: 'ProductUpdated', detail: detail('e-3') });
    const carried = structuredClone(bus.carried);

    expect(bus.replay()).toEqual({ replayName: 'local-replay-1', events: 3 });

    expect(bus.carried).toEqual(carried);
    expect(sent.inventory).toHaveLength(2);
    expect(sent.payments).toHaveLength(2);
    const [original, replayed] = sent.inventory;
    expect(replayed).toEqual({ ...original, 'replay-name': 'local-replay-1' });
    expect(original).not.toHaveProperty('replay-name');
    expect((replayed!.detail as { metadata: { eventId: string } }).metadata.eventId).toBe('e-1');
    expect(bus.replay().replayName).toBe('local-replay-2');
  });

  it('stamps an event without a time with the runtime clock, and keeps a time given', () => {
    const { bus } = newBus();
    bus.put({ source: 'commerce.orders', detailType: 'OrderPlaced', detail: detail('e-1') });
    bus.put({ source: 'commerce.orders', detailType: 'OrderPlaced', detail: detail('e-2'), time: new Date('2030-01-02T03:04:05Z') });
    expect(bus.carried.map((e) => e.time)).toEqual(['2030-05-01T10:00:00Z', '2030-01-02T03:04:05Z']);
  });
});

describe('rules checked at start', () => {
  it('refuses a rule whose pattern EventBridge would refuse, naming the rule and the reason', () => {
    expect(() => assertValidRules({ payments: { queue: 'payments', pattern: { source: ['commerce.payments'] } } })).not.toThrow();
    expect(() => assertValidRules({ payments: { queue: 'payments', pattern: { source: [] } } })).toThrow(/^The rule feeding queue payments has an invalid event pattern at source: /);
    expect(() => assertValidRules({ inventory: { queue: 'inventory', pattern: { detail: { n: [{ numeric: ['>>', 1] }] } } } })).toThrow(/queue inventory .*detail\.n/);
    expect(() => new LocalBus({}, { rules: { x: { queue: 'payments', pattern: { source: 'not a list' } as never } } })).toThrow(/queue x/);
  });
});

describe('CORS, as API Gateway answers it', () => {
  it('answers a preflight (OPTIONS with Origin and Access-Control-Request-Method) with the configured headers', () => {
    expect(preflight('OPTIONS', { origin: 'https://shop.example', 'access-control-request-method': 'PUT' })).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE',
      'access-control-allow-headers': 'authorization,content-type,idempotency-key,x-cart-token,x-order-token',
      'access-control-max-age': '86400',
      'x-content-type-options': 'nosniff',
    });
    expect(preflight('OPTIONS', { origin: 'https://shop.example' })).toBeUndefined();
    expect(preflight('GET', { origin: 'https://shop.example', 'access-control-request-method': 'GET' })).toBeUndefined();
    expect(corsResponseHeaders({ origin: 'https://shop.example' })).toEqual({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' });
    expect(corsResponseHeaders({})).toEqual({});
  });
});
