import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../../infra/local/queue';

const spec = { visibilityTimeoutSeconds: 1, maxReceiveCount: 3, batchSize: 10, maxBatchingWindowSeconds: 0 };
// Visibility timeouts scaled down to 10 ms so that retries are quick; polled by hand.
const newQueue = () => new LocalQueue('payments', spec, { visibilityTimeoutScale: 0.01 });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    const queue = new LocalQueue('q', spec, { visibilityTimeoutScale: 0.01, onError: (e) => errors.push(e) });
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
    const queue = new LocalQueue('q', { ...spec, batchSize: 4 }, { visibilityTimeoutScale: 0.01 });
    for (let i = 0; i < 9; i++) queue.send(String(i));
    const sizes: number[] = [];
    const worker = async (event: SQSEvent) => void sizes.push(event.Records.length);
    while ((await queue.pollOnce(worker)) > 0);
    expect(sizes).toEqual([4, 4, 1]);
  });
});
