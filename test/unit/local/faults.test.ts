import { describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import { CHAOS_RATES, createChaos, resolveChaosSeed } from '../../../infra/local/chaos';
import { FaultRegistry, type StripeFaults } from '../../../infra/local/faults';
import { failedEntries, putEvents } from '../../../infra/local/put-events';

/** The emulator's switch, as the registry drives it. */
const fakeStripe = (): StripeFaults & { state: { failNext: number; status: number } } => {
  const state = { failNext: 0, status: 500 };
  return { state, failNext: (n, status) => Object.assign(state, { failNext: n, status }), faultsInForce: () => ({ ...state }) };
};

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('FaultRegistry (POST /dev/faults)', () => {
  it('uses up each fault one call at a time, then lets calls through', () => {
    const faults = new FaultRegistry(['payments', 'inventory'], fakeStripe());
    faults.set({ putEvents: { failNext: 2 }, workers: { payments: { failNext: 1 } } });
    expect([faults.takePutEvents(), faults.takePutEvents(), faults.takePutEvents()]).toEqual([{ kind: 'whole' }, { kind: 'whole' }, undefined]);
    expect([faults.takeWorker('payments'), faults.takeWorker('payments'), faults.takeWorker('inventory')]).toEqual([true, false, false]);
    expect(faults.view()).toEqual({});
  });

  it('partial PutEvents faults, and what is left of each fault in the view', () => {
    const stripe = fakeStripe();
    const faults = new FaultRegistry(['payments'], stripe);
    const view = faults.set({ putEvents: { failNext: 3, partial: true }, workers: { payments: { failNext: 2 } }, stripe: { failNext: 4, status: 503 } });
    expect(view).toEqual({ putEvents: { failNext: 3, partial: true }, workers: { payments: { failNext: 2 } }, stripe: { failNext: 4, status: 503 } });
    expect(stripe.state).toEqual({ failNext: 4, status: 503 });
    expect(faults.takePutEvents()).toEqual({ kind: 'partial' });
    faults.takeWorker('payments');
    expect(faults.view()).toMatchObject({ putEvents: { failNext: 2 }, workers: { payments: { failNext: 1 } } });
  });

  it('a POST replaces the faults in force; clearing clears the emulator too', () => {
    const stripe = fakeStripe();
    const faults = new FaultRegistry(['payments'], stripe);
    faults.set({ putEvents: { failNext: 5 }, stripe: { failNext: 2 } });
    expect(faults.set({ workers: { payments: { failNext: 1 } } })).toEqual({ workers: { payments: { failNext: 1 } } });
    expect(faults.takePutEvents()).toBeUndefined();
    expect(stripe.state.failNext).toBe(0);
    faults.clear();
    expect(faults.takeWorker('payments')).toBe(false);
  });

  it('refuses a bad body naming the field, and keeps the faults in force', () => {
    const faults = new FaultRegistry(['payments'], fakeStripe());
    faults.set({ putEvents: { failNext: 1 } });
    expect(fieldsOf(() => faults.set({ putEvents: { failNext: -1 } }))).toEqual(['body.putEvents.failNext']);
    expect(fieldsOf(() => faults.set({ putEvents: { failNext: 1.5 } }))).toEqual(['body.putEvents.failNext']);
    expect(fieldsOf(() => faults.set({ workers: { shipping: { failNext: 1 } } }))).toEqual(['body.workers.shipping']);
    expect(fieldsOf(() => faults.set({ stripe: { failNext: 1, status: 200 } }))).toEqual(['body.stripe.status']);
    expect(fieldsOf(() => faults.set({ putEvent: { failNext: 1 } }))).toEqual(['body.putEvent']);
    expect(fieldsOf(() => faults.set([]))).toEqual(['body']);
    expect(faults.view()).toEqual({ putEvents: { failNext: 1, partial: false } });
  });

  it('refuses Stripe faults when the runtime talks to the real Stripe', () => {
    const faults = new FaultRegistry(['payments'], undefined);
    expect(fieldsOf(() => faults.set({ stripe: { failNext: 1 } }))).toEqual(['body.stripe']);
  });
});

describe('PutEvents with a fault', () => {
  const bus = () => {
    const put: { detailType: string }[] = [];
    return { put, bus: { put: (e: { detailType: string }) => (put.push(e), `id-${put.length}`) } };
  };
  const body = (n: number) =>
    JSON.stringify({ Entries: Array.from({ length: n }, (_, i) => ({ EventBusName: 'commerce', Source: 'commerce.test', DetailType: `E${i}`, Detail: '{}' })) });

  it('refuses what EventBridge refuses: more than 10 entries or 256 KB a call whole, a Detail that is no JSON object on its own; an entry for no bus goes to the default bus, on no queue', () => {
    const { put, bus: b } = bus();
    const call = (entries: object[]) => putEvents(b, JSON.stringify({ Entries: entries }), undefined, 'commerce') as { status: number; payload: { __type?: string; Entries?: { ErrorCode?: string; EventId?: string }[] } };
    const ours = (detail: string, bytes = 0) => ({ EventBusName: 'commerce', Source: 'commerce.test', DetailType: 'E', Detail: bytes ? JSON.stringify({ padding: 'x'.repeat(bytes) }) : detail });
    expect(call(Array.from({ length: 11 }, () => ours('{}')))).toMatchObject({ status: 400, payload: { __type: 'ValidationException' } });
    expect(call([])).toMatchObject({ status: 400, payload: { __type: 'ValidationException' } });
    expect(call([ours('', 130 * 1024), ours('', 130 * 1024)])).toMatchObject({ status: 400, payload: { __type: 'ValidationException' } });
    expect(put).toEqual([]);
    const reply = call([ours('[1]'), ours('"text"'), ours('{not json'), ours('{"a":1}'), { ...ours('{}'), EventBusName: undefined }, { ...ours('{}'), EventBusName: 'arn:aws:events:eu-west-3:123456789012:event-bus/commerce' }, { ...ours('{}'), EventBusName: 'other' }]);
    expect(reply.status).toBe(200);
    expect(reply.payload.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual(['MalformedDetail', 'MalformedDetail', 'MalformedDetail', 'ok', 'ok', 'ok', 'ResourceNotFoundException']);
    expect(put).toHaveLength(2); // ours, by name and by ARN; the default bus's has no rule here
  });

  it('whole: a 500 the SDK throws on, and nothing on the bus', () => {
    const { put, bus: b } = bus();
    expect(putEvents(b, body(3), { kind: 'whole' })).toMatchObject({ status: 500, payload: { __type: 'InternalException' } });
    expect(put).toEqual([]);
  });

  it('partial: 200 with FailedEntryCount ≥ 1; the failed entries are not on the bus, the others are', () => {
    const { put, bus: b } = bus();
    const reply = putEvents(b, body(4), { kind: 'partial' }) as { status: number; payload: { FailedEntryCount: number; Entries: { ErrorCode?: string; EventId?: string }[] } };
    expect(reply.status).toBe(200);
    expect(reply.payload.FailedEntryCount).toBe(2);
    expect(reply.payload.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(['InternalFailure', 'ok', 'InternalFailure', 'ok']);
    expect(put.map((e) => e.detailType)).toEqual(['E1', 'E3']);
  });

  it('partial on a call of one entry fails that entry; drawn at random, never none and never all of several', () => {
    expect([...failedEntries(1)]).toEqual([0]);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 2; n <= 10; n++) {
      for (let run = 0; run < 50; run++) {
        const failed = failedEntries(n, random);
        expect(failed.size).toBeGreaterThanOrEqual(1);
        expect(failed.size).toBeLessThan(n);
      }
    }
  });
});

describe('chaos settings', () => {
  it('reads LOCAL_CHAOS and LOCAL_CHAOS_SEED when no option is given; an option wins', () => {
    expect(resolveChaosSeed(undefined, {})).toBeUndefined();
    expect(resolveChaosSeed(undefined, { LOCAL_CHAOS: '1', LOCAL_CHAOS_SEED: '42' })).toBe(42);
    expect(resolveChaosSeed(undefined, { LOCAL_CHAOS: '1' })).toEqual(expect.any(Number));
    expect(resolveChaosSeed({ seed: 7 }, {})).toBe(7);
    expect(resolveChaosSeed(false, { LOCAL_CHAOS: '1', LOCAL_CHAOS_SEED: '42' })).toBeUndefined();
    expect(() => resolveChaosSeed(undefined, { LOCAL_CHAOS: '1', LOCAL_CHAOS_SEED: 'abc' })).toThrow(/LOCAL_CHAOS_SEED must be a whole number/);
  });

  it('the same seed draws the same PutEvents failures; another seed, others', () => {
    const draws = (seed: number) => {
      const chaos = createChaos(seed);
      return Array.from({ length: 300 }, () => chaos.putEvents()?.kind ?? '-').join('');
    };
    expect(draws(1234)).toBe(draws(1234));
    expect(draws(1234)).not.toBe(draws(4321));
    // About the configured shares of calls fail, whole or in part.
    const chaos = createChaos(99);
    const calls = 4000;
    const kinds = Array.from({ length: calls }, () => chaos.putEvents()?.kind);
    const share = (kind: string) => kinds.filter((k) => k === kind).length / calls;
    expect(share('whole')).toBeGreaterThan(CHAOS_RATES.putEventsWhole * 0.7);
    expect(share('whole')).toBeLessThan(CHAOS_RATES.putEventsWhole * 1.3);
    expect(share('partial')).toBeGreaterThan(CHAOS_RATES.putEventsPartial * 0.5);
    expect(share('partial')).toBeLessThan(CHAOS_RATES.putEventsPartial * 1.5);
    expect(chaos.counters.putEventsFailures).toBe(kinds.filter(Boolean).length);
  });
});
