import { GetQueueAttributesCommand, ReceiveMessageCommand, StartMessageMoveTaskCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetters } from '../app/ports';

/** A worker's queue and its DLQ, as the stack names them (`DEAD_LETTER_QUEUES`). */
export interface QueuePair {
  name: string;
  queueArn: string;
  deadLetterUrl: string;
  deadLetterArn: string;
}

const PEEK = 10;

const eventOf = (body: string): { eventType: string | null; eventId: string | null } => {
  try {
    const event = JSON.parse(body) as { 'detail-type'?: string; detail?: { metadata?: { eventId?: string } } };
    return { eventType: event['detail-type'] ?? null, eventId: event.detail?.metadata?.eventId ?? null };
  } catch {
    return { eventType: null, eventId: null };
  }
};

/**
 * The DLQs through SQS. A peek receives with a visibility timeout of 0, so the messages stay
 * where they are (their receive count moves, which a DLQ does not act on). SQS keeps no "oldest
 * message" attribute: its age is read from the peeked messages' `SentTimestamp`.
 */
export const createSqsDeadLetters = (sqs: SQSClient, pairs: readonly QueuePair[], now: () => Date): DeadLetters => ({
  names: () => pairs.map((p) => p.name),
  async list() {
    return Promise.all(
      pairs.map(async (pair) => {
        const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: pair.deadLetterUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        const count = Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
        const { Messages = [] } =
          count === 0
            ? { Messages: [] }
            : await sqs.send(new ReceiveMessageCommand({ QueueUrl: pair.deadLetterUrl, MaxNumberOfMessages: PEEK, VisibilityTimeout: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] }));
        const sent = Messages.map((m) => Number(m.Attributes?.SentTimestamp ?? NaN)).filter(Number.isFinite);
        return {
          name: pair.name,
          count,
          oldestAgeSeconds: sent.length > 0 ? Math.max(0, Math.floor((now().getTime() - Math.min(...sent)) / 1000)) : null,
          messages: Messages.map((m) => ({
            id: m.MessageId ?? '',
            ...eventOf(m.Body ?? ''),
            receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
            body: m.Body ?? '',
          })),
        };
      }),
    );
  },
  async redrive(queue) {
    const pair = pairs.find((p) => p.name === queue);
    if (!pair) throw new Error(`No DLQ for ${queue}.`);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: pair.deadLetterArn, DestinationArn: pair.queueArn }));
    return { taskId: TaskHandle ?? '' };
  },
});
