import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueSpec } from '#wiring';
import { type BatchOutcome, readBatchResponse } from './queue/batch-response';
import { pickForReceive } from './queue/receive-order';

interface Message {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  /** Invisible to receivers until then (the visibility timeout of its last receipt). */
  visibleAt: number;
  /** The handle of the latest receipt: only a delete with it deletes (see `settle`). */
  receiptHandle?: string;
  firstReceivedAt?: number;
  /** A second copy of a message, injected by chaos: never copied again. */
  duplicate?: boolean;
  /** Chaos: a copy outlives the next delete of this receipt (see `hand`). */
  copyOnDelete?: boolean;
  /** In a batch whose invocation has not ended: handed out to no one else, whatever its visibility (see `receive`). */
  inFlight?: boolean;
}

/** One message as one receive handed it over. */
interface Receipt {
  message: Message;
  receiptHandle: string;
  record: SQSRecord;
}

/** What a dead letter looks like to the admin API. */
export interface DeadLetter {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
}

/**
 * The function behind the event source mapping. What it returns is read the way Lambda reads it
 * (`readBatchResponse`): typed `unknown` since, on the wire, it is any JSON.
 */
export type Worker = (event: SQSEvent) => Promise<unknown>;

export interface ChaosOptions {
  random: () => number;
  /** Share of receipts that give a message a second delivery. */
  duplicateRate: number;
  /** Receive any visible message, whatever its age, instead of best-effort order. */
  reorder: boolean;
}

export interface LocalQueueOptions {
  /** Scales the visibility timeout (0.05: 60 s becomes 3 s) so that retries show quickly. */
  visibilityTimeoutScale: number;
  /** Scales the batching window the same way; defaults to `visibilityTimeoutScale`. */
  timeScale?: number;
  /** How long an idle poller waits before receiving again (a `send` wakes it sooner). Default 20. */
  pollIntervalMs?: number;
  /** Batches in flight at once: Lambda starts with five. Default 5. */
  pollers?: number;
  /** The event source mapping's ScalingConfig.MaximumConcurrency (2 to 1,000 on AWS): caps `pollers`. */
  maxConcurrency?: number;
  /** The function's timeout, in real milliseconds (not scaled). Unset: none. */
  timeoutMs?: number;
  /** Draws best-effort ordering; defaults to `chaos.random`, then `Math.random`. */
  random?: () => number;
  /** SQS's rarer behaviours, on purpose: duplicates, shuffled order. */
  chaos?: ChaosOptions;
  onError?: (error: unknown) => void;
}

type QueueShape = Pick<QueueSpec, 'visibilityTimeoutSeconds' | 'maxReceiveCount' | 'batchSize' | 'maxBatchingWindowSeconds'>;

const DEFAULT_POLLERS = 5;

/**
 * An in-process standard SQS queue and the Lambda event source mapping that polls it, as AWS
 * documents them rather than gentler:
 *
 * - Several pollers, each with its own batch in flight ("Lambda starts processing five batches at
 *   a time with five concurrent invocations of your function"), capped by `maxConcurrency` like
 *   the mapping's MaximumConcurrency. Lambda would scale past five under load; five stay five here.
 * - A received message stays invisible to every poller for the (scaled) visibility timeout, and
 *   while its batch's invocation runs: on AWS a batch cannot outlive the visibility timeout, which
 *   the wiring sets to six times the function's timeout; here the timeout is scaled down but the
 *   work is not, and a batch slowed by a busy machine would otherwise be handed out again, counted,
 *   and dead-lettered while it succeeds. Chaos still delivers copies (below).
 * - Best-effort order ("messages are generally delivered in the same order as they're sent"),
 *   see `receive-order.ts`.
 * - The batching window: with MaximumBatchingWindowInSeconds > 0 a poller holding messages keeps
 *   gathering until the batch is full or the (scaled) window is over; with 0 it takes what is there.
 * - The function timeout: an invocation still running after `timeoutMs` is a failed invocation,
 *   its whole batch back after the visibility timeout ("If your function returns an error, or
 *   doesn't finish processing before the queue's visibility timeout, it becomes visible again").
 *   Node cannot kill the promise: its later result is ignored.
 * - Partial batch responses read as Lambda reads them (`batch-response.ts`).
 * - A delete with a stale receipt handle deletes nothing ("if you don't provide the most
 *   recently received receipt handle for the message, the request will still succeed, but the
 *   message might not be deleted").
 * - A receive count, and the move to the dead-letter queue of a message received
 *   `maxReceiveCount` times and still there.
 * - With `chaos`: at-least-once delivery made visible ("more than one copy of a message might be
 *   delivered"; "It is possible you will receive a message even after you have deleted it") and
 *   any order. Counted in `injected`.
 *
 * In-process rather than `fauxqs`: no extra server to start or stop, it runs on Node 20, and tests
 * control its clock (`visibilityTimeoutScale`) to see retries in milliseconds.
 */
export class LocalQueue {
  /** Messages not yet deleted nor dead-lettered, injected copies included. */
  readonly messages: Message[] = [];
  readonly deadLetters: Message[] = [];
  /**
   * What the queue did that a strict FIFO, exactly-once, one-batch-at-a-time queue would not:
   * copies delivered (chaos only), messages handed out ahead of an older visible one, and batches
   * handed to the worker while another was still running.
   */
  readonly injected = { duplicates: 0, reordered: 0, concurrentBatches: 0 };

  private readonly waiters = new Set<() => void>();
  /** Every batch the queue is gathering or running, and every timed-out invocation still running. */
  private readonly pending = new Set<Promise<unknown>>();
  private slots = 0;
  private invoking = 0;
  private running = false;
  private stopping = false;
  private pollers: Promise<void>[] = [];

  constructor(
    readonly name: string,
    private readonly spec: QueueShape,
    private readonly options: LocalQueueOptions,
  ) {}

  /** Batches that may be in flight at once. */
  get concurrency(): number {
    return Math.max(1, Math.min(this.options.pollers ?? DEFAULT_POLLERS, this.options.maxConcurrency ?? Infinity));
  }

  /** Messages not yet deleted nor dead-lettered (injected copies count: each is one more delivery). */
  get depth(): number {
    return this.messages.length;
  }

  send(body: string): string {
    const messageId = randomUUID();
    this.messages.push({ messageId, body, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
    this.wake();
    return messageId;
  }

  /** Starts the pollers: each hands a batch to the worker, waits for it, and polls again. */
  start(worker: Worker): void {
    if (this.running) throw new Error(`queue ${this.name} is already polling`);
    this.running = true;
    this.pollers = Array.from({ length: this.concurrency }, () => this.poll(worker));
  }

  /**
   * Stops polling, then waits for what is in flight: batches being gathered (their window cut
   * short) or run, and invocations that timed out but have not returned yet.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake();
    try {
      await Promise.all(this.pollers);
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    } finally {
      this.pollers = [];
      this.stopping = false;
    }
  }

  /**
   * One poller's cycle: receive a batch (waiting out the batching window if there is one), invoke,
   * delete what succeeded. Returns how many messages went to the worker: 0 when nothing was
   * visible, or when `concurrency` batches are already in flight.
   */
  async pollOnce(worker: Worker): Promise<number> {
    if (this.slots >= this.concurrency) return 0;
    this.slots++;
    const cycle = this.cycle(worker);
    this.pending.add(cycle);
    try {
      return await cycle;
    } finally {
      this.pending.delete(cycle);
      this.slots--;
    }
  }

  /** The oldest dead letters, without receiving them. */
  peekDeadLetters(limit = 10): DeadLetter[] {
    return this.deadLetters.slice(0, Math.max(0, limit)).map(({ messageId, body, sentAt, receiveCount }) => ({ messageId, body, sentAt, receiveCount }));
  }

  /**
   * Moves every dead letter back to this queue, as SQS's dead-letter queue redrive
   * (StartMessageMoveTask) does: the body is kept, but "all redriven messages are considered new
   * messages and are assigned a new messageID and enqueueTime", so the receive count starts again.
   * Returns how many moved.
   */
  redrive(): number {
    const moved = this.deadLetters.splice(0);
    for (const message of moved) this.send(message.body);
    return moved.length;
  }

  private async poll(worker: Worker): Promise<void> {
    while (this.running) {
      let handed = 0;
      try {
        handed = await this.pollOnce(worker);
      } catch (error) {
        this.options.onError?.(error);
      }
      if (handed === 0 && this.running) await this.waitForMessages(this.options.pollIntervalMs ?? 20, true);
    }
  }

  private async cycle(worker: Worker): Promise<number> {
    const batch = await this.gather();
    if (batch.length === 0) return 0;
    if (this.invoking > 0) this.injected.concurrentBatches++;
    this.invoking++;
    try {
      this.settle(batch, await this.invoke(worker, batch));
    } finally {
      this.invoking--;
      // The invocation is over (returned, threw, or timed out: Lambda would have ended it).
      for (const { message, receiptHandle } of batch) if (message.receiptHandle === receiptHandle) message.inFlight = false;
    }
    return batch.length;
  }

  /** Receives up to a batch; with a batching window, keeps receiving until full or window over. */
  private async gather(): Promise<Receipt[]> {
    const size = this.spec.batchSize;
    const batch = this.receive(size, new Set());
    const windowMs = this.spec.maxBatchingWindowSeconds * 1000 * (this.options.timeScale ?? this.options.visibilityTimeoutScale);
    if (batch.length === 0 || windowMs <= 0) return batch;
    const deadline = Date.now() + windowMs;
    while (batch.length < size && !this.stopping) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await this.waitForMessages(Math.min(remaining, this.options.pollIntervalMs ?? 20), false);
      batch.push(...this.receive(size - batch.length, new Set(batch.map((r) => r.message.messageId))));
    }
    return batch;
  }

  /** Runs the worker on the batch, bounded by the function timeout; reads what it returned. */
  private async invoke(worker: Worker, batch: Receipt[]): Promise<BatchOutcome> {
    const event: SQSEvent = { Records: batch.map((r) => r.record) };
    const run = (async () => worker(event))().then(
      (value) => ({ kind: 'returned' as const, value }),
      (error: unknown) => ({ kind: 'threw' as const, error }),
    );
    const timeoutMs = this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const ended =
      timeoutMs === undefined
        ? await run
        : await Promise.race([run, new Promise<{ kind: 'timeout' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)))]);
    clearTimeout(timer);
    if (ended.kind === 'timeout') {
      // Lambda would have killed it; here it runs on, unheard. `stop` still waits for it.
      const late = run.then(() => undefined);
      this.pending.add(late);
      void late.finally(() => this.pending.delete(late));
      this.options.onError?.(new Error(`${this.name}: Task timed out after ${(timeoutMs! / 1000).toFixed(2)} seconds; the whole batch of ${batch.length} comes back after its visibility timeout`));
      return { kind: 'failure', reason: 'timeout' };
    }
    if (ended.kind === 'threw') {
      this.options.onError?.(ended.error);
      return { kind: 'failure', reason: 'the function threw' };
    }
    const outcome = readBatchResponse(ended.value, new Set(batch.map((r) => r.record.messageId)));
    if (outcome.kind === 'failure') this.options.onError?.(new Error(`${this.name}: the whole batch of ${batch.length} failed, as Lambda reads the response: ${outcome.reason}`));
    return outcome;
  }

  /** Deletes what succeeded; what failed stays invisible until its visibility timeout is over. */
  private settle(batch: Receipt[], outcome: BatchOutcome): void {
    if (outcome.kind === 'failure') return;
    for (const receipt of batch) {
      if (outcome.kind === 'partial' && outcome.failed.has(receipt.record.messageId)) continue;
      this.delete(receipt);
    }
  }

  private delete({ message, receiptHandle }: Receipt): void {
    // Received again since (its visibility timeout ran out mid-batch): this stale handle deletes nothing.
    if (message.receiptHandle !== receiptHandle) return;
    const index = this.messages.indexOf(message);
    if (index < 0) return;
    this.messages.splice(index, 1);
    if (message.copyOnDelete) {
      // A server holding a copy missed the delete: the copy shows up once this receipt's
      // visibility timeout is over.
      this.inject({ ...message, visibleAt: message.visibleAt, receiptHandle: undefined });
    }
  }

  private receive(count: number, exclude: ReadonlySet<string>): Receipt[] {
    const now = Date.now();
    // Redrive: a message received maxReceiveCount times and still there goes to the DLQ.
    for (const message of [...this.messages]) {
      if (message.inFlight || message.visibleAt > now || message.receiveCount < this.spec.maxReceiveCount) continue;
      this.messages.splice(this.messages.indexOf(message), 1);
      this.deadLetters.push(message);
    }
    const ids = new Set(exclude);
    const candidates: Message[] = [];
    for (const message of this.messages) {
      // One copy of a message per batch: the other stays for another receive.
      if (message.inFlight || message.visibleAt > now || ids.has(message.messageId)) continue;
      ids.add(message.messageId);
      candidates.push(message);
    }
    if (candidates.length === 0) return [];
    const chaos = this.options.chaos;
    const random = this.options.random ?? chaos?.random ?? Math.random;
    const { picked, reordered } = pickForReceive(candidates, count, random, chaos?.reorder ? 'shuffled' : 'best-effort');
    this.injected.reordered += reordered;
    return picked.map((message) => this.hand(message, now));
  }

  private hand(message: Message, now: number): Receipt {
    const receiveCountBefore = message.receiveCount;
    message.receiveCount++;
    message.receiptHandle = randomUUID();
    message.inFlight = true;
    message.firstReceivedAt ??= now;
    message.visibleAt = now + this.spec.visibilityTimeoutSeconds * 1000 * this.options.visibilityTimeoutScale;
    const chaos = this.options.chaos;
    if (chaos && !message.duplicate && chaos.random() < chaos.duplicateRate) {
      if (chaos.random() < 0.5) {
        // A copy on another server that this receive did not hide: visible now, to another poller.
        this.inject({ ...message, receiveCount: receiveCountBefore, visibleAt: now, receiptHandle: undefined, copyOnDelete: false });
      } else {
        message.copyOnDelete = true;
      }
    }
    return { message, receiptHandle: message.receiptHandle, record: this.toRecord(message) };
  }

  private inject(copy: Message): void {
    // A copy on another server: in no batch yet.
    this.messages.push({ ...copy, duplicate: true, copyOnDelete: false, inFlight: false });
    this.injected.duplicates++;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves after `ms`, or sooner when a message arrives or the queue stops. */
  private waitForMessages(ms: number, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      // An idle poller alone does not keep the process alive; one holding messages does.
      if (idle) timer.unref();
      this.waiters.add(done);
    });
  }

  private toRecord(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:eu-west-3:000000000000:${this.name}`,
      awsRegion: 'eu-west-3',
    };
  }
}
