import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueSpec } from '#wiring';

interface Message {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  /** Invisible to receivers until then (the visibility timeout of its last receipt). */
  visibleAt: number;
  receiptHandle?: string;
}

export type Worker = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/**
 * An in-process queue with SQS semantics: at-least-once delivery, a visibility timeout per
 * receipt, a receive count, redrive to a dead-letter queue after `maxReceiveCount`, batches of up
 * to `batchSize`, and partial batch failures, polled the way Lambda's event source mapping
 * polls. In-process rather than `fauxqs`: no extra server to start or stop, it runs on Node 20,
 * and tests control its clock (`visibilityTimeoutScale`) to see retries in milliseconds.
 */
export class LocalQueue {
  readonly messages: Message[] = [];
  readonly deadLetters: Message[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    readonly name: string,
    private readonly spec: Pick<QueueSpec, 'visibilityTimeoutSeconds' | 'maxReceiveCount' | 'batchSize' | 'maxBatchingWindowSeconds'>,
    private readonly options: { visibilityTimeoutScale: number; pollIntervalMs?: number; onError?: (error: unknown) => void },
  ) {}

  send(body: string): string {
    const messageId = randomUUID();
    this.messages.push({ messageId, body, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 });
    return messageId;
  }

  /** Starts polling: each batch goes to the worker; what it reports failed comes back later. */
  start(worker: Worker): void {
    const interval = this.options.pollIntervalMs ?? 20;
    this.timer = setInterval(() => void this.pollOnce(worker), interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Messages not yet deleted nor dead-lettered. */
  get depth(): number {
    return this.messages.length;
  }

  /** One receive + invoke + delete cycle; returns how many messages were handed to the worker. */
  async pollOnce(worker: Worker): Promise<number> {
    if (this.polling) return 0;
    this.polling = true;
    try {
      const batch = this.receive();
      if (batch.length === 0) return 0;
      let failed: Set<string>;
      try {
        const response = await worker({ Records: batch.map((m) => this.toRecord(m)) });
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        // A worker that throws fails the whole batch: every message comes back after its timeout.
        this.options.onError?.(error);
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const message of batch) if (!failed.has(message.messageId)) this.delete(message.messageId);
      return batch.length;
    } finally {
      this.polling = false;
    }
  }

  private receive(): Message[] {
    const now = Date.now();
    const batch: Message[] = [];
    for (const message of [...this.messages]) {
      if (batch.length >= this.spec.batchSize) break;
      if (message.visibleAt > now) continue;
      // Redrive: a message received maxReceiveCount times and still here goes to the DLQ.
      if (message.receiveCount >= this.spec.maxReceiveCount) {
        this.delete(message.messageId);
        this.deadLetters.push(message);
        continue;
      }
      message.receiveCount++;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + this.spec.visibilityTimeoutSeconds * 1000 * this.options.visibilityTimeoutScale;
      batch.push(message);
    }
    return batch;
  }

  private delete(messageId: string): void {
    const index = this.messages.findIndex((m) => m.messageId === messageId);
    if (index >= 0) this.messages.splice(index, 1);
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
        ApproximateFirstReceiveTimestamp: String(message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:eu-west-3:000000000000:${this.name}`,
      awsRegion: 'eu-west-3',
    };
  }
}
