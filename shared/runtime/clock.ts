/**
 * The clock every function reads. The local runtime can move time forward (`POST /dev/clock`,
 * see `infra/local/clock.ts`): it publishes its offset under this registered symbol before any
 * handler loads. In Lambda nothing does, and the clock is the plain system time, chosen once here
 * rather than checked at every call.
 */
const localClock = (globalThis as { [key: symbol]: { offsetMs: number } | undefined })[Symbol.for('commerce.local-clock')];
export const systemClock: () => Date = localClock ? () => new Date(Date.now() + localClock.offsetMs) : () => new Date();
