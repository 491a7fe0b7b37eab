import { queues as queueSpecs, type FunctionName, type QueueName, type QueueSpec } from '#wiring';
import type { Chaos } from './chaos';
import type { FaultRegistry } from './faults';
import { timeoutSecondsOf } from './functions';
import { LocalQueue, type Worker } from './queue';

/**
 * No scaled timeout below this. A batch of ten payments takes 0.3 to 1.1 s on a busy two-core
 * machine (measured; the first batch is the slowest): that is a function taking its time, not one
 * running too long, and timing it out would fail it forever. What the timeout is for locally, a
 * worker that hangs, still shows; and retries still come quickly, since the (scaled) visibility
 * timeout alone decides when a message comes back.
 */
export const MIN_TIMEOUT_MS = 3000;
/**
 * Under chaos, every mapping gathers for at least this long (a batching window, in real time):
 * messages then reach the worker several to a batch, as they do on a busy day, so that a batch
 * can be handed out shuffled and partly fail. Without it, pollers faster than the traffic take
 * one message each and order never shows.
 */
export const CHAOS_BATCHING_WINDOW_MS = 50;

export interface QueueSetup {
  visibilityTimeoutScale: number;
  chaos: Chaos | undefined;
  onError?: (error: unknown) => void;
}

/**
 * One LocalQueue per queue of the wiring, set as its event source mapping is in AWS: the
 * worker's timeout (scaled like the visibility timeout, down to `MIN_TIMEOUT_MS`), the
 * mapping's maximum concurrency, and chaos when it is on.
 */
export const createQueues = (setup: QueueSetup): Record<QueueName, LocalQueue> =>
  Object.fromEntries(
    (Object.entries(queueSpecs) as [QueueName, QueueSpec][]).map(([name, spec]) => {
      const timeoutSeconds = timeoutSecondsOf(spec.worker as FunctionName);
      const windowMs = spec.maxBatchingWindowSeconds * 1000 * setup.visibilityTimeoutScale;
      const gathering = setup.chaos ? { maxBatchingWindowSeconds: Math.max(windowMs, CHAOS_BATCHING_WINDOW_MS) / 1000 } : { maxBatchingWindowSeconds: windowMs / 1000 };
      // The window is given in real time here (timeScale 1), scaled above like the visibility timeout.
      const queue = new LocalQueue(name, { ...spec, ...gathering }, {
        visibilityTimeoutScale: setup.visibilityTimeoutScale,
        timeScale: 1,
        timeoutMs: Math.max(MIN_TIMEOUT_MS, timeoutSeconds * 1000 * setup.visibilityTimeoutScale),
        ...(spec.maxConcurrency !== undefined && { maxConcurrency: spec.maxConcurrency }),
        ...(setup.chaos && { chaos: setup.chaos.queue(name) }),
        ...(setup.onError && { onError: setup.onError }),
      });
      return [name, queue];
    }),
  ) as Record<QueueName, LocalQueue>;

/** Thrown in place of a worker's invocation while a fault asks it to fail. */
export class InjectedWorkerFault extends Error {
  override name = 'InjectedWorkerFault';
}

/**
 * The function behind a queue: the worker's handler, unless `POST /dev/faults` asked its next
 * invocations to throw, in which case it throws without running (the whole batch fails and comes
 * back after its visibility timeout, as when a Lambda function crashes).
 */
export const workerFor = (fn: FunctionName, invoke: (fn: FunctionName, event: unknown) => Promise<unknown>, faults: FaultRegistry): Worker => async (event) => {
  if (faults.takeWorker(fn)) throw new InjectedWorkerFault(`${fn}: invocation failed on purpose (POST /dev/faults)`);
  return invoke(fn, event);
};

/** The names of the functions that consume a queue. */
export const workerNames = (): FunctionName[] => [...new Set(Object.values(queueSpecs as Record<string, QueueSpec>).map((q) => q.worker as FunctionName))];
