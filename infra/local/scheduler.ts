import { randomUUID } from 'node:crypto';
import { schedules as wiringSchedules, type FunctionName, type ScheduleSpec } from '#wiring';

/** Milliseconds of an EventBridge Scheduler `rate(N unit)` expression. */
export const rateMs = (expression: string): number => {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`The local scheduler reads rate(N minutes|hours|days) expressions, not ${expression}.`);
  const unit = m[2]?.startsWith('minute') ? 60_000 : m[2]?.startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
};

/** A bad day for schedules: EventBridge Scheduler delivers at least once, so a run may come twice at once. */
export interface SchedulerChaos {
  random: () => number;
  /** Share of runs delivered twice, the copies side by side (0..1). */
  duplicateRate: number;
}

export interface SchedulerOptions {
  /** Shortens the rates, for tests (Lambda's retries of a failed run too). */
  intervalScale: number;
  chaos?: SchedulerChaos;
  /** Counts the runs chaos delivered twice. */
  injected?: { scheduleDuplicates: number };
  /** The runtime's clock, in epoch milliseconds: schedules fall due by it, and it can jump forward. */
  clock?: () => number;
  schedules?: Readonly<Record<string, Pick<ScheduleSpec, 'expression' | 'function'>>>;
  onError?: (error: unknown) => void;
}

interface Entry {
  name: string;
  fn: FunctionName;
  periodMs: number;
  /** When it is next due, on the runtime's clock. */
  dueAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Lambda retries an asynchronous invocation that failed twice, about a minute then two after
 * (the stack's `retryAttempts: 2`), before its failure destination.
 */
const RETRY_DELAYS_MS = [60_000, 120_000];

/**
 * Runs every schedule of the wiring on its rate, invoking its function with a Scheduler-like event,
 * as AWS does: a run does not wait for the one before it (they may overlap), a failed one is
 * retried twice later (scaled like the rates), and under chaos some runs come twice at once.
 * Due times are read on the runtime's clock: when it jumps forward (`POST /dev/clock`),
 * `runDue()` runs at once, once each, every schedule that came due, and resolves when they ran
 * (their first attempts: retries come later, as on AWS).
 */
export const startScheduler = (invoke: (fn: FunctionName, event: unknown) => Promise<unknown>, options: SchedulerOptions) => {
  const clock = options.clock ?? Date.now;
  const specs = options.schedules ?? (wiringSchedules as Record<string, ScheduleSpec>);
  let stopped = false;
  const entries: Entry[] = Object.entries(specs).map(([name, spec]) => {
    const periodMs = Math.max(1, rateMs(spec.expression) * options.intervalScale);
    return { name, fn: spec.function as FunctionName, periodMs, dueAt: clock() + periodMs };
  });
  /** Every invocation in flight and every retry waiting, for `stop` to wait on or cancel. */
  const inFlight = new Set<Promise<void>>();
  const retries = new Set<NodeJS.Timeout>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  const attempt = async (entry: Entry, event: object, retried: number): Promise<void> => {
    try {
      await invoke(entry.fn, event);
    } catch (error) {
      options.onError?.(error);
      const delay = RETRY_DELAYS_MS[retried];
      if (delay === undefined || stopped) return;
      const timer = setTimeout(() => {
        retries.delete(timer);
        if (!stopped) void track(attempt(entry, event, retried + 1));
      }, delay * options.intervalScale);
      timer.unref();
      retries.add(timer);
    }
  };

  const run = (entry: Entry): Promise<void> => {
    if (stopped) return Promise.resolve();
    const time = new Date(clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event = { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, resources: [entry.name], detail: {} };
    const twice = options.chaos !== undefined && options.chaos.random() < options.chaos.duplicateRate;
    if (twice && options.injected) options.injected.scheduleDuplicates++;
    return track(Promise.all((twice ? [0, 1] : [0]).map(() => attempt(entry, event, 0))).then(() => undefined));
  };

  /** Waits in real time for the next due time, which the clock may bring closer. */
  const MAX_TIMER_MS = 2 ** 31 - 1;
  const arm = (entry: Entry) => {
    clearTimeout(entry.timer);
    if (stopped) return;
    // Node's timers hold at most 2^31-1 ms (about 24 days): a longer wait is cut there and re-armed.
    entry.timer = setTimeout(() => void (entry.dueAt > clock() ? arm(entry) : fire(entry)), Math.min(MAX_TIMER_MS, Math.max(0, entry.dueAt - clock())));
    entry.timer.unref();
  };

  const fire = (entry: Entry): Promise<void> => {
    entry.dueAt = clock() + entry.periodMs;
    arm(entry);
    return run(entry);
  };

  entries.forEach(arm);
  return {
    /** Runs now every schedule whose due time has come on the clock; resolves once they ran. */
    runDue: async (): Promise<string[]> => {
      const due = entries.filter((e) => e.dueAt <= clock());
      await Promise.all(due.map(fire));
      entries.forEach(arm);
      return due.map((e) => e.name);
    },
    /** Stops the timers, drops the retries still waiting, and waits for the runs in progress. */
    stop: async (): Promise<void> => {
      stopped = true;
      for (const entry of entries) clearTimeout(entry.timer);
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
      await Promise.all([...inFlight]);
    },
  };
};
