import { randomUUID } from 'node:crypto';
import { schedules, type FunctionName } from '#wiring';

/** Milliseconds of an EventBridge Scheduler `rate(N unit)` expression. */
export const rateMs = (expression: string): number => {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`The local scheduler reads rate(N minutes|hours|days) expressions, not ${expression}.`);
  const unit = m[2]?.startsWith('minute') ? 60_000 : m[2]?.startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
};

/**
 * Runs every schedule of the wiring on its rate, invoking its function with a Scheduler-like
 * event. `intervalScale` shortens the rates for tests.
 */
export const startScheduler = (
  invoke: (fn: FunctionName, event: unknown) => Promise<unknown>,
  options: { intervalScale: number; onError?: (error: unknown) => void },
) => {
  const timers = Object.entries(schedules).map(([name, spec]) => {
    const timer = setInterval(() => {
      const event = { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: new Date().toISOString(), resources: [name], detail: {} };
      invoke(spec.function, event).catch((error: unknown) => options.onError?.(error));
    }, rateMs(spec.expression) * options.intervalScale);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach((t) => clearInterval(t)) };
};
