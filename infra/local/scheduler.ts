import { randomUUID } from 'node:crypto';
import { schedules as wiringSchedules, type FunctionName, type ScheduleSpec } from '#wiring';

/** Milliseconds of an EventBridge Scheduler `rate(N unit)` expression. */
export const rateMs = (expression: string): number => {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`The local scheduler reads rate(N minutes|hours|days) expressions, not ${expression}.`);
  const unit = m[2]?.startsWith('minute') ? 60_000 : m[2]?.startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
};

export interface SchedulerOptions {
  /** Shortens the rates, for tests. */
  intervalScale: number;
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
  /** The run in progress (runs of one schedule follow one another), settled. */
  running: Promise<void>;
}

/**
 * Runs every schedule of the wiring on its rate, invoking its function with a Scheduler-like event.
 * Due times are read on the runtime's clock: when it jumps forward (`POST /dev/clock`),
 * `runDue()` runs at once, once each, every schedule that came due, and resolves when they ran.
 */
export const startScheduler = (invoke: (fn: FunctionName, event: unknown) => Promise<unknown>, options: SchedulerOptions) => {
  const clock = options.clock ?? Date.now;
  const specs = options.schedules ?? (wiringSchedules as Record<string, ScheduleSpec>);
  let stopped = false;
  const entries: Entry[] = Object.entries(specs).map(([name, spec]) => {
    const periodMs = Math.max(1, rateMs(spec.expression) * options.intervalScale);
    return { name, fn: spec.function as FunctionName, periodMs, dueAt: clock() + periodMs, running: Promise.resolve() };
  });

  const run = (entry: Entry): Promise<void> => {
    if (stopped) return entry.running;
    entry.running = entry.running.then(async () => {
      const time = new Date(clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const event = { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time, resources: [entry.name], detail: {} };
      await invoke(entry.fn, event).then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      );
    });
    return entry.running;
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
    /** Stops the timers and waits for the runs in progress. */
    stop: async (): Promise<void> => {
      stopped = true;
      for (const entry of entries) clearTimeout(entry.timer);
      await Promise.all(entries.map((e) => e.running));
    },
  };
};
