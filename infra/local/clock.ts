/**
 * The local runtime's clock: the system time plus an offset that only grows (`POST /dev/clock`
 * moves it forward, never back), so that a developer or a test sees an unpaid order expire, a
 * download link lapse or a refund fall overdue without waiting.
 *
 * Functions read time through `systemClock` (`shared/runtime/clock.ts`), which must stay plain
 * `new Date()` in Lambda and must not know the local runtime. So the runtime publishes its offset
 * on `globalThis` under a registered symbol, on this module's load: before any handler module is
 * imported, which is when `clock.ts` decides which clock it hands out. One clock per process:
 * two runtimes started in one process share it.
 */
const KEY = Symbol.for('commerce.local-clock');

interface ClockCell {
  offsetMs: number;
}

const globals = globalThis as { [KEY]?: ClockCell };
const cell: ClockCell = (globals[KEY] ??= { offsetMs: 0 });

/** The longest single move: ten years, well inside what a Date can hold. */
export const MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600;

export const localClock = {
  /** Milliseconds since the epoch, on the runtime's clock. */
  now: (): number => Date.now() + cell.offsetMs,
  date: (): Date => new Date(Date.now() + cell.offsetMs),
  /** How far ahead of the system time the runtime's clock is. */
  get offsetMs(): number {
    return cell.offsetMs;
  },
  /** Moves the clock forward; a negative or absurd move is refused (time never goes back). */
  advance(seconds: number): Date {
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
      throw new RangeError(`The clock moves forward only, by 0 to ${MAX_ADVANCE_SECONDS} seconds, not ${seconds}.`);
    }
    cell.offsetMs += Math.round(seconds * 1000);
    return new Date(Date.now() + cell.offsetMs);
  },
};

export type LocalClock = typeof localClock;
