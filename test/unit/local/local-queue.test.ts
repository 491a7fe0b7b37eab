import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue, type LocalQueueOptions, type Worker } from '../../../infra/local/queue';

const spec = { visibilityTimeoutSeconds: 1, maxReceiveCount: 3, batchSize: 10, maxBatchingWindowSeconds: 0 };
// Visibility timeouts scaled down to 10 ms so that retries are quick; polled by hand.
const newQueue = (options: Partial<LocalQueueOptions> = {}, shape: Partial<typeof spec> = {}) =>
  new LocalQueue('payments', { ...spec, ...shape }, { visibilityTimeoutScale: 0.01, ...options });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small seeded PRNG, so that "random" runs are the same run every time. */
const mulberry32 = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Waits until `check` holds; fails after `ms` (generous: only a broken queue takes that long). */
const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await pause(5);
  }
};

/** A promise to resolve by hand. */
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

const bodies = (event: SQSEvent) => event.Records.map((r) => r.body);

describe('LocalQueue (SQS semantics)', () => {
  it('a worker failing one message of ten: only that one is retried, then dead-lettered after maxReceiveCount', async () => {
    const queue = newQueue();
    const ids = Array.from({ length: 10 }, (_, i) => queue.send(JSON.stringify({ n: i })));
    const poison = ids[3]!;
    const handled: number[] = [];
    const seen: Record<string, number[]> = {};
    const worker = async (event: SQSEvent) => {
      for (const r of event.Records) (seen[r.messageId] ??= []).push(Number(r.attributes.ApproximateReceiveCount));
      for (const r of event.Records) if (r.messageId !== poison) handled.push((JSON.parse(r.body) as { n: number }).n);
      return { batchItemFailures: event.Records.filter((r) => r.messageId === poison).map((r) => ({ itemIdentifier: r.messageId })) };
    };

    expect(await queue.pollOnce(worker)).toBe(10);
    for (let i = 0; i < 5; i++) {
      await pause(15); // past the (scaled) visibility timeout
      await queue.pollOnce(worker);
    }
    expect(handled.sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(seen[poison]).toEqual([1, 2, 3]);
    for (const id of ids.filter((id) => id !== poison)) expect(seen[id]).toEqual([1]);
    expect(queue.deadLetters.map((m) => m.messageId)).toEqual([poison]);
    expect(queue.depth).toBe(0);
  });

  it('hides a received message for the visibility timeout, then delivers it again (at least once)', async () => {
    const queue = newQueue();
    queue.send('{}');
    expect(await queue.pollOnce(async () => ({ batchItemFailures: [{ itemIdentifier: queue.messages[0]!.messageId }] }))).toBe(1);
    expect(await queue.pollOnce(async () => undefined)).toBe(0); // still invisible
    await pause(15);
    expect(await queue.pollOnce(async () => undefined)).toBe(1);
    expect(queue.depth).toBe(0);
  });

  it('a worker that throws fails the whole batch', async () => {
    const errors: unknown[] = [];
    const queue = newQueue({ onError: (e) => errors.push(e) });
    queue.send('a');
    queue.send('b');
    await queue.pollOnce(async () => {
      throw new Error('crashed halfway');
    });
    expect(errors).toHaveLength(1);
    expect(queue.depth).toBe(2);
    expect(queue.messages.every((m) => m.receiveCount === 1)).toBe(true);
  });

  it('hands over at most batchSize messages per poll', async () => {
    const queue = newQueue({}, { batchSize: 4 });
    for (let i = 0; i < 9; i++) queue.send(String(i));
    const sizes: number[] = [];
    const worker = async (event: SQSEvent) => void sizes.push(event.Records.length);
    while ((await queue.pollOnce(worker)) > 0);
    expect(sizes).toEqual([4, 4, 1]);
  });

  describe('pollers: several batches in flight, as Lambda runs five at first', () => {
    it('runs two batches of one queue at the same time', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30 }, { batchSize: 1 });
      queue.send('a');
      queue.send('b');
      const bothIn = gate();
      let active = 0;
      let maxActive = 0;
      const worker: Worker = async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        if (active === 2) bothIn.open();
        await Promise.race([bothIn.opened, pause(10_000)]); // each waits for the other to be running too
        active--;
      };
      queue.start(worker);
      await until(() => queue.depth === 0);
      await queue.stop();
      expect(maxActive).toBe(2);
      expect(queue.injected.concurrentBatches).toBeGreaterThanOrEqual(1);
    });

    it('never hands one message to two batches at once without chaos, and delivers each once', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30, random: mulberry32(1) }, { batchSize: 3 });
      for (let i = 0; i < 60; i++) queue.send(String(i));
      const inFlight = new Set<string>();
      const deliveries: string[] = [];
      let overlaps = 0;
      const worker: Worker = async (event) => {
        for (const r of event.Records) {
          if (inFlight.has(r.messageId)) overlaps++;
          inFlight.add(r.messageId);
          deliveries.push(r.body);
        }
        await pause(1 + (deliveries.length % 4));
        for (const r of event.Records) inFlight.delete(r.messageId);
      };
      queue.start(worker);
      await until(() => queue.depth === 0);
      await queue.stop();
      expect(overlaps).toBe(0);
      expect(deliveries.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(queue.injected.duplicates).toBe(0);
      expect(queue.injected.concurrentBatches).toBeGreaterThan(0);
    });

    it('hands no message of a batch still running to another, past its (scaled) visibility timeout: on AWS the function times out first', async () => {
      // Visibility scaled to 10 ms, a batch taking 60 ms (a busy machine): it ends once, deleted, never dead-lettered.
      const queue = newQueue();
      queue.send('slow');
      const received: number[] = [];
      const worker: Worker = async (event) => {
        for (const r of event.Records) received.push(Number(r.attributes.ApproximateReceiveCount));
        await pause(60);
      };
      queue.start(worker);
      await until(() => queue.depth === 0);
      await queue.stop();
      expect(received).toEqual([1]);
      expect(queue.deadLetters).toEqual([]);
    });

    it('caps the batches in flight at maxConcurrency', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30, pollers: 5, maxConcurrency: 2 }, { batchSize: 1 });
      for (let i = 0; i < 10; i++) queue.send(String(i));
      let active = 0;
      let maxActive = 0;
      const worker: Worker = async () => {
        maxActive = Math.max(maxActive, ++active);
        await pause(10);
        active--;
      };
      queue.start(worker);
      await until(() => queue.depth === 0);
      await queue.stop();
      expect(queue.concurrency).toBe(2);
      expect(maxActive).toBeLessThanOrEqual(2);
    });

    it('stop() waits for the batches in flight, then polls no more', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30 });
      queue.send('a');
      const started = gate();
      let finished = false;
      queue.start(async () => {
        started.open();
        await pause(50);
        finished = true;
      });
      await started.opened;
      await queue.stop();
      expect(finished).toBe(true);
      expect(queue.depth).toBe(0); // the batch was settled before stop() returned
      queue.send('b');
      await pause(50);
      expect(queue.depth).toBe(1);
    });

    it('stop() also waits for an invocation that timed out but still runs', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30, timeoutMs: 10, onError: () => {} });
      queue.send('a');
      let lateReturned = false;
      expect(
        await queue.pollOnce(async () => {
          await pause(80);
          lateReturned = true;
        }),
      ).toBe(1);
      expect(lateReturned).toBe(false); // pollOnce gave up on it at 10 ms
      await queue.stop();
      expect(lateReturned).toBe(true);
      expect(queue.depth).toBe(1); // a timed-out batch is a failed batch
    });
  });

  it('best-effort ordering: with a seeded random, messages go out of the order they were sent in', async () => {
    const queue = newQueue({ random: mulberry32(42) }, { batchSize: 1 });
    for (let i = 0; i < 30; i++) queue.send(String(i));
    const order: number[] = [];
    const worker: Worker = async (event) => void order.push(...bodies(event).map(Number));
    while ((await queue.pollOnce(worker)) > 0);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i)); // each once
    expect(queue.injected.reordered).toBeGreaterThan(0);
  });

  describe('batching window (MaximumBatchingWindowInSeconds)', () => {
    it('with a window, a poller holding fewer than batchSize waits for more and invokes once the batch is full', async () => {
      // 10 s window: only a full batch ends it this early.
      const queue = newQueue({ visibilityTimeoutScale: 30, timeScale: 1 }, { batchSize: 3, maxBatchingWindowSeconds: 10 });
      const batches: string[][] = [];
      queue.send('a');
      const polled = queue.pollOnce(async (event) => void batches.push(bodies(event)));
      await pause(20);
      expect(batches).toEqual([]); // still gathering
      queue.send('b');
      queue.send('c');
      expect(await polled).toBe(3);
      expect(batches.map((b) => [...b].sort())).toEqual([['a', 'b', 'c']]);
    });

    it('with a window, a batch that does not fill goes out when the window is over', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30, timeScale: 0.05 }, { batchSize: 3, maxBatchingWindowSeconds: 1 });
      queue.send('a');
      const startedAt = Date.now();
      expect(await queue.pollOnce(async () => undefined)).toBe(1);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45); // the 50 ms window (timers may round down 1 ms or so)
      expect(queue.depth).toBe(0);
    });

    it('with no window, a poller takes what is there', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30 }, { batchSize: 3 });
      const sizes: number[] = [];
      queue.send('a');
      const polled = queue.pollOnce(async (event) => void sizes.push(event.Records.length));
      queue.send('b');
      expect(await polled).toBe(1);
      expect(await queue.pollOnce(async (event) => void sizes.push(event.Records.length))).toBe(1);
      expect(sizes).toEqual([1, 1]);
    });
  });

  it('a worker running past timeoutMs fails the whole batch: its late result is ignored, the batch comes back after the visibility timeout', async () => {
    const errors: unknown[] = [];
    // Visibility 1 s (ample for "still invisible" below on a loaded machine), function timeout 30 ms.
    const queue = newQueue({ visibilityTimeoutScale: 1, timeoutMs: 30, onError: (e) => errors.push(e) });
    queue.send('a');
    queue.send('b');
    const release = gate();
    let lateReturned = false;
    const slow: Worker = async () => {
      await release.opened;
      lateReturned = true;
      return { batchItemFailures: [] }; // "all succeeded", too late to count
    };
    expect(await queue.pollOnce(slow)).toBe(2);
    expect(String(errors[0])).toMatch(/Task timed out after 0\.03 seconds/);
    release.open();
    await until(() => lateReturned);
    await pause(5);
    expect(queue.depth).toBe(2); // the late success deleted nothing
    expect(await queue.pollOnce(async () => undefined)).toBe(0); // still invisible

    const received: number[] = [];
    await until(() => queue.messages.every((m) => m.visibleAt <= Date.now()));
    expect(await queue.pollOnce(async (event) => void received.push(...event.Records.map((r) => Number(r.attributes.ApproximateReceiveCount))))).toBe(2);
    expect(received).toEqual([2, 2]);
    expect(queue.depth).toBe(0);
  });

  describe('partial batch response, read as Lambda reads it', () => {
    const failWholeBatch: [string, (ids: string[]) => unknown][] = [
      ['an itemIdentifier that is no message of the batch', () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] })],
      ['an empty string itemIdentifier', () => ({ batchItemFailures: [{ itemIdentifier: '' }] })],
      ['a null itemIdentifier', () => ({ batchItemFailures: [{ itemIdentifier: null }] })],
      ['a missing itemIdentifier', () => ({ batchItemFailures: [{}] })],
      ['an itemIdentifier with a bad key name', (ids) => ({ batchItemFailures: [{ itemId: ids[0] }] })],
      ['one good entry beside a bad one', (ids) => ({ batchItemFailures: [{ itemIdentifier: ids[0] }, { itemIdentifier: 'nope' }] })],
      ['batchItemFailures that is not a list', (ids) => ({ batchItemFailures: ids[0] })],
      ['a response that is not an object', () => 'done'],
      ['an invalid JSON response', () => ({ batchItemFailures: [], n: 1n })],
    ];
    it.each(failWholeBatch)('%s: the whole batch is retried', async (_, response) => {
      const errors: unknown[] = [];
      const queue = newQueue({ onError: (e) => errors.push(e) });
      const ids = [queue.send('a'), queue.send('b')];
      expect(await queue.pollOnce(async () => response(ids))).toBe(2);
      expect(queue.depth).toBe(2);
      expect(String(errors[0])).toMatch(/whole batch of 2 failed/);
      await pause(15);
      const again: string[] = [];
      expect(await queue.pollOnce(async (event) => void again.push(...event.Records.map((r) => r.messageId)))).toBe(2);
      expect(again.sort()).toEqual([...ids].sort());
    });

    const succeed: [string, unknown][] = [
      ['undefined', undefined],
      ['a null EventResponse', null],
      ['an empty EventResponse', {}],
      ['an empty batchItemFailures list', { batchItemFailures: [] }],
      ['a null batchItemFailures list', { batchItemFailures: null }],
    ];
    it.each(succeed)('%s: the whole batch succeeded', async (_, response) => {
      const errors: unknown[] = [];
      const queue = newQueue({ onError: (e) => errors.push(e) });
      queue.send('a');
      queue.send('b');
      expect(await queue.pollOnce(async () => response)).toBe(2);
      expect(queue.depth).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  describe('dead letters', () => {
    it('peekDeadLetters shows them without receiving them; redrive moves them back as new messages with the same body', async () => {
      const queue = newQueue({}, { maxReceiveCount: 2 });
      const id = queue.send('poison');
      const failAll: Worker = async (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) });
      await queue.pollOnce(failAll);
      await pause(15);
      await queue.pollOnce(failAll);
      await pause(15);
      expect(await queue.pollOnce(failAll)).toBe(0); // received twice: to the DLQ instead
      expect(queue.peekDeadLetters(10)).toEqual([{ messageId: id, body: 'poison', sentAt: expect.any(Number), receiveCount: 2 }]);
      expect(queue.peekDeadLetters(0)).toEqual([]);
      expect(queue.deadLetters).toHaveLength(1);

      expect(queue.redrive()).toBe(1);
      expect(queue.deadLetters).toEqual([]);
      expect(queue.depth).toBe(1);
      const records: SQSEvent['Records'] = [];
      expect(await queue.pollOnce(async (event) => void records.push(...event.Records))).toBe(1);
      expect(records[0]!.body).toBe('poison');
      expect(records[0]!.messageId).not.toBe(id);
      expect(records[0]!.attributes.ApproximateReceiveCount).toBe('1');
      expect(queue.redrive()).toBe(0);
    });
  });

  describe('chaos', () => {
    it('delivers some messages twice, shuffles the order, runs batches concurrently, and counts it all', async () => {
      const queue = newQueue(
        { visibilityTimeoutScale: 1, chaos: { random: mulberry32(7), duplicateRate: 0.3, reorder: true } },
        { batchSize: 2 },
      );
      for (let i = 0; i < 40; i++) queue.send(String(i));
      const deliveries: string[] = [];
      queue.start(async (event) => {
        deliveries.push(...bodies(event));
        await pause(2);
      });
      // Copies delivered after a delete show up once that receipt's visibility timeout (1 s) is over.
      await until(() => queue.depth === 0);
      await queue.stop();
      const { duplicates, reordered, concurrentBatches } = queue.injected;
      expect(duplicates).toBeGreaterThan(0);
      expect(deliveries).toHaveLength(40 + duplicates);
      expect(new Set(deliveries).size).toBe(40);
      expect(reordered).toBeGreaterThan(0);
      expect(concurrentBatches).toBeGreaterThan(0);
    });

    it('without chaos, nothing is delivered twice', async () => {
      const queue = newQueue({ visibilityTimeoutScale: 30 }, { batchSize: 2 });
      for (let i = 0; i < 40; i++) queue.send(String(i));
      const deliveries: string[] = [];
      queue.start(async (event) => void deliveries.push(...bodies(event)));
      await until(() => queue.depth === 0);
      await queue.stop();
      expect(deliveries).toHaveLength(40);
      expect(queue.injected.duplicates).toBe(0);
    });
  });
});
