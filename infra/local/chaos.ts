import { randomInt } from 'node:crypto';
import type { ChaosOptions as QueueChaos } from './queue';
import type { PutEventsFault } from './put-events';
import type { SchedulerChaos } from './scheduler';
import { seededRandom, type ApiChaosOptions as StripeApiChaos, type ChaosOptions as WebhookChaos } from './stripe-emulator/index';

/** `startLocalRuntime({ chaos })`: on with this seed (drawn if absent), or `false` for off whatever the environment says. */
export type ChaosSetting = { seed?: number } | false;

/**
 * How bad a bad day is. The SDK retries a whole PutEvents failure (three attempts, backing off
 * 100 ms and more), so those show mostly as latency: frequent enough to happen in every run, rare
 * enough not to push a tight test's batches past their visibility timeout. A partial failure is
 * not retried by the SDK and reaches the function: rarer still.
 */
export const CHAOS_RATES = {
  queueDuplicate: 0.1,
  putEventsWhole: 0.05,
  putEventsPartial: 0.02,
  webhookDuplicate: 0.2,
  webhookLate: 0.3,
  webhookMaxDelayMs: 400,
  stripeMaxLatencyMs: 150,
  stripeLostAnswer: 0.05,
  scheduleDuplicate: 0.2,
} as const;

const ON = /^(1|true|yes|on)$/i;

/**
 * Whether chaos is on, and with which seed: the option when given, else `LOCAL_CHAOS=1` and
 * `LOCAL_CHAOS_SEED` from the environment. A seed that is not a whole number stops the start
 * with a sentence; no seed draws one (printed, so that a failing run can be run again).
 */
export const resolveChaosSeed = (setting: ChaosSetting | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined => {
  if (setting === false) return undefined;
  if (setting === undefined && !ON.test(env.LOCAL_CHAOS ?? '')) return undefined;
  const given = setting?.seed ?? (env.LOCAL_CHAOS_SEED ? Number(env.LOCAL_CHAOS_SEED) : undefined);
  if (given === undefined) return randomInt(1, 2 ** 31);
  if (!Number.isSafeInteger(given) || given < 0) throw new Error(`LOCAL_CHAOS_SEED must be a whole number ≥ 0, not ${env.LOCAL_CHAOS_SEED ?? given}.`);
  return given;
};

/** FNV-1a of the name, mixed with the seed: each part of the runtime draws from its own stream. */
const streamSeed = (seed: number, name: string) => {
  let hash = 0x811c9dc5 ^ (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash >>> 0;
};

/** What chaos injected outside the queues (theirs are on each queue's `injected`). */
export interface ChaosCounters {
  putEventsFailures: number;
  scheduleDuplicates: number;
}

/**
 * The chaos of one run, all drawn from `seed`: one random stream per queue, one for PutEvents,
 * one for the Stripe emulator, so that what one part draws does not shift another's draws.
 * Timing still varies from run to run; the seed fixes the dice, not the interleaving.
 */
export const createChaos = (seed: number) => {
  const stream = (name: string) => seededRandom(streamSeed(seed, name));
  const counters: ChaosCounters = { putEventsFailures: 0, scheduleDuplicates: 0 };
  const putEventsRandom = stream('put-events');
  return {
    seed,
    counters,
    queue: (name: string): QueueChaos => ({ random: stream(`queue:${name}`), duplicateRate: CHAOS_RATES.queueDuplicate, reorder: true }),
    webhooks: (): WebhookChaos => ({
      random: stream('stripe-webhooks'),
      duplicateRate: CHAOS_RATES.webhookDuplicate,
      lateRate: CHAOS_RATES.webhookLate,
      maxDelayMs: CHAOS_RATES.webhookMaxDelayMs,
    }),
    schedules: (): SchedulerChaos => ({ random: stream('schedules'), duplicateRate: CHAOS_RATES.scheduleDuplicate }),
    stripeApi: (): StripeApiChaos => ({ random: stream('stripe-api'), maxLatencyMs: CHAOS_RATES.stripeMaxLatencyMs, lostAnswerRate: CHAOS_RATES.stripeLostAnswer }),
    /** Draws whether this PutEvents call fails, and how. */
    putEvents: (): PutEventsFault | undefined => {
      const draw = putEventsRandom();
      const fault: PutEventsFault | undefined =
        draw < CHAOS_RATES.putEventsWhole
          ? { kind: 'whole' }
          : draw < CHAOS_RATES.putEventsWhole + CHAOS_RATES.putEventsPartial
            ? { kind: 'partial', random: putEventsRandom }
            : undefined;
      if (fault) counters.putEventsFailures++;
      return fault;
    },
  };
};

export type Chaos = ReturnType<typeof createChaos>;
