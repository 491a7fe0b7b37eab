// The runtime's clock must be installed before `clock.ts` loads, as in the local runtime.
import { localClock } from '../../../infra/local/clock';
import { systemClock } from '#runtime/clock';
import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../../infra/local/scheduler';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the local clock', () => {
  it('moves forward on demand, and systemClock (what every function reads) moves with it', () => {
    const offset = localClock.offsetMs;
    const before = systemClock().getTime();
    const now = localClock.advance(3600);
    expect(localClock.offsetMs - offset).toBe(3600_000);
    expect(now.getTime() - before).toBeGreaterThanOrEqual(3600_000);
    expect(now.getTime() - before).toBeLessThan(3600_000 + 1000);
    expect(Math.abs(systemClock().getTime() - localClock.now())).toBeLessThan(50);
    // The wall time is read first: systemClock's own reading can only be later, never earlier
    // (read the other way round, a millisecond ticking between the two made this fail in CI).
    const wall = Date.now();
    expect(systemClock().getTime() - wall).toBeGreaterThanOrEqual(3600_000);
  });

  it('never goes back', () => {
    const offset = localClock.offsetMs;
    expect(() => localClock.advance(-1)).toThrow(RangeError);
    expect(() => localClock.advance(Number.NaN)).toThrow(RangeError);
    expect(localClock.offsetMs).toBe(offset);
  });
});

describe('the scheduler on a movable clock', () => {
  const setup = () => {
    let now = Date.UTC(2026, 0, 1);
    const runs: { fn: string; time: string }[] = [];
    const scheduler = startScheduler(
      async (fn, event) => {
        await pause(5);
        runs.push({ fn, time: (event as { time: string }).time });
      },
      {
        intervalScale: 1,
        clock: () => now,
        schedules: {
          'expire-unpaid-orders': { expression: 'rate(1 minute)', function: 'order-expiry' },
          'reconcile-payments': { expression: 'rate(5 minutes)', function: 'payment-reconciliation' },
        },
      },
    );
    return { scheduler, runs, advance: (ms: number) => (now += ms) };
  };

  it('runs at once, once each, the schedules that came due, and resolves when they ran', async () => {
    const { scheduler, runs, advance } = setup();
    expect(await scheduler.runDue()).toEqual([]);
    advance(90_000);
    expect(await scheduler.runDue()).toEqual(['expire-unpaid-orders']);
    expect(runs).toEqual([{ fn: 'order-expiry', time: '2026-01-01T00:01:30Z' }]);
    advance(31 * 60_000); // 31 minutes: both due; each runs once, not once per missed minute
    expect((await scheduler.runDue()).sort()).toEqual(['expire-unpaid-orders', 'reconcile-payments']);
    expect(runs.map((r) => r.fn)).toEqual(['order-expiry', 'order-expiry', 'payment-reconciliation']);
    // Just ran: not due again until a period has passed on the clock.
    expect(await scheduler.runDue()).toEqual([]);
    await scheduler.stop();
  });

  it('stop waits for the run in progress and runs nothing after', async () => {
    const { scheduler, runs, advance } = setup();
    advance(60_000);
    const due = scheduler.runDue();
    await scheduler.stop();
    await due;
    expect(runs).toHaveLength(1);
    advance(600_000);
    await scheduler.runDue();
    expect(runs).toHaveLength(1);
  });

  const schedules = { 'expire-unpaid-orders': { expression: 'rate(1 minute)', function: 'order-expiry' as const } };

  it('retries a failed run twice, later (as Lambda retries an asynchronous invocation), with the same event', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const attempts: string[] = [];
    const errors: unknown[] = [];
    const scheduler = startScheduler(
      async (_fn, event) => {
        attempts.push((event as { id: string }).id);
        throw new Error('down');
      },
      { intervalScale: 0.0001, clock: () => now, schedules, onError: (e) => errors.push(e) },
    );
    now += 60_000;
    await scheduler.runDue();
    expect(attempts).toHaveLength(1);
    for (let waited = 0; attempts.length < 3 && waited < 5_000; waited += 10) await pause(10); // 6 ms then 12 ms, scaled
    await pause(50); // and no fourth
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts).size).toBe(1);
    expect(errors).toHaveLength(3);
    await scheduler.stop();
  });

  it('does not hold a run back for the one before it: runs of one schedule may overlap, as on AWS', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    let running = 0;
    let most = 0;
    const scheduler = startScheduler(
      async () => {
        most = Math.max(most, ++running);
        await pause(50);
        running--;
      },
      { intervalScale: 1, clock: () => now, schedules },
    );
    now += 60_000;
    const first = scheduler.runDue();
    now += 60_000;
    await Promise.all([first, scheduler.runDue()]);
    expect(most).toBe(2);
    await scheduler.stop();
  });

  it('under chaos, delivers some runs twice, the copies side by side, and counts them', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const ids: string[] = [];
    const injected = { scheduleDuplicates: 0 };
    const scheduler = startScheduler(async (_fn, event) => void ids.push((event as { id: string }).id), {
      intervalScale: 1,
      clock: () => now,
      schedules,
      chaos: { random: () => 0, duplicateRate: 0.5 },
      injected,
    });
    now += 60_000;
    await scheduler.runDue();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(injected.scheduleDuplicates).toBe(1);
    await scheduler.stop();
  });
});
