import * as z from 'zod/mini';
import { ValidationError } from '#kernel/errors';
import { parseInput } from '#runtime/validate';
import type { PutEventsFault } from './put-events';

const count = z.number().check(z.int(), z.minimum(0), z.maximum(10_000));

/** The body of `POST /dev/faults` (API.md, "Local only"): every part optional, nothing else accepted. */
const faultsBody = (workers: readonly [string, ...string[]]) =>
  z.strictObject({
    putEvents: z.optional(z.strictObject({ failNext: count, partial: z._default(z.boolean(), false) })),
    workers: z.optional(z.partialRecord(z.enum(workers), z.strictObject({ failNext: count }))),
    stripe: z.optional(z.strictObject({ failNext: count, status: z._default(z.number().check(z.int(), z.minimum(400), z.maximum(599)), 500) })),
  });

export type FaultsInput = z.input<ReturnType<typeof faultsBody>>;

/** What is in force: only the faults with calls left to fail. */
export interface FaultsView {
  putEvents?: { failNext: number; partial: boolean };
  workers?: Record<string, { failNext: number }>;
  stripe?: { failNext: number; status: number };
}

/** The Stripe emulator's own fault switch (`failNext`), and what is left of it. */
export interface StripeFaults {
  failNext(count: number, status: number): void;
  faultsInForce(): { failNext: number; status: number };
}

/**
 * Faults on demand for the local runtime (`POST /dev/faults`): the next N PutEvents calls fail
 * (whole or in part), the next N invocations of a worker throw, the next N Stripe API calls answer
 * a status. A new set replaces the one in force; each fault is used up one call at a time.
 */
export class FaultRegistry {
  private readonly schema: ReturnType<typeof faultsBody>;
  private putEvents = { failNext: 0, partial: false };
  private workers = new Map<string, number>();

  constructor(
    workerNames: readonly string[],
    private readonly stripe: StripeFaults | undefined,
  ) {
    const [first, ...rest] = workerNames;
    if (first === undefined) throw new Error('FaultRegistry needs the names of the workers.');
    this.schema = faultsBody([first, ...rest]);
  }

  /** Replaces the faults in force; a bad body is a `ValidationError` naming the field (a 400). */
  set(input: unknown): FaultsView {
    const faults = parseInput(this.schema, input, 'body');
    if (faults.stripe && !this.stripe) {
      throw new ValidationError('Stripe faults need the Stripe emulator; this runtime talks to Stripe itself (STRIPE_SECRET_KEY is set).', [
        { path: 'body.stripe', message: 'needs the Stripe emulator' },
      ]);
    }
    this.putEvents = faults.putEvents ?? { failNext: 0, partial: false };
    this.workers = new Map(Object.entries(faults.workers ?? {}).map(([name, fault]) => [name, fault?.failNext ?? 0]));
    this.stripe?.failNext(faults.stripe?.failNext ?? 0, faults.stripe?.status ?? 500);
    return this.view();
  }

  clear(): void {
    this.set({});
  }

  view(): FaultsView {
    const workers = Object.fromEntries([...this.workers].filter(([, n]) => n > 0).map(([name, failNext]) => [name, { failNext }]));
    const stripe = this.stripe?.faultsInForce();
    return {
      ...(this.putEvents.failNext > 0 && { putEvents: { ...this.putEvents } }),
      ...(Object.keys(workers).length > 0 && { workers }),
      ...(stripe && stripe.failNext > 0 && { stripe }),
    };
  }

  /** Uses up one PutEvents fault, if any is left. */
  takePutEvents(): PutEventsFault | undefined {
    if (this.putEvents.failNext <= 0) return undefined;
    this.putEvents.failNext--;
    return this.putEvents.partial ? { kind: 'partial' } : { kind: 'whole' };
  }

  /** Uses up one failure of this worker, if any is left: then its invocation must throw. */
  takeWorker(name: string): boolean {
    const left = this.workers.get(name) ?? 0;
    if (left <= 0) return false;
    this.workers.set(name, left - 1);
    return true;
  }
}
