import { createHash, randomUUID } from 'node:crypto';
import type { LocalQueue } from './queue';

const ACCOUNT = '000000000000';
const REGION = 'eu-west-3';

/** The names SQS gives a worker queue's DLQ locally: URL and ARN, as the dead-letter API reads them. */
export const localQueuePairs = (queues: Record<string, LocalQueue>, endpoint: string) =>
  Object.keys(queues).map((name) => ({
    name,
    queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
    deadLetterUrl: `${endpoint}/${ACCOUNT}/${name}-dlq`,
    deadLetterArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}-dlq`,
  }));

const queueOfDlq = (queues: Record<string, LocalQueue>, urlOrArn: string | undefined) => {
  const name = /([a-z0-9-]+)-dlq$/.exec(urlOrArn ?? '')?.[1];
  return name ? queues[name] : undefined;
};

export class SqsApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The SQS calls the dead-letter API makes (JSON protocol, `X-Amz-Target: AmazonSQS.<Action>`),
 * served from the local queues' DLQs, so that the same adapter runs locally and in AWS:
 * GetQueueAttributes (counts), ReceiveMessage with a visibility timeout of 0 (a peek that
 * leaves the messages in place), StartMessageMoveTask (the redrive).
 */
export const sqsApi = (queues: Record<string, LocalQueue>, action: string, input: Record<string, unknown>): unknown => {
  switch (action) {
    case 'GetQueueAttributes': {
      const queue = queueOfDlq(queues, input.QueueUrl as string);
      if (!queue) throw new SqsApiError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      return { Attributes: { ApproximateNumberOfMessages: String(queue.deadLetters.length), ApproximateNumberOfMessagesNotVisible: '0' } };
    }
    case 'ReceiveMessage': {
      const queue = queueOfDlq(queues, input.QueueUrl as string);
      if (!queue) throw new SqsApiError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      const max = Math.min(10, Number(input.MaxNumberOfMessages ?? 1));
      return {
        Messages: queue.peekDeadLetters(max).map((m) => ({
          MessageId: m.messageId,
          ReceiptHandle: randomUUID(),
          MD5OfBody: createHash('md5').update(m.body).digest('hex'),
          Body: m.body,
          Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
        })),
      };
    }
    case 'StartMessageMoveTask': {
      const queue = queueOfDlq(queues, input.SourceArn as string);
      if (!queue) throw new SqsApiError('ResourceNotFoundException', 'The source queue does not exist.');
      queue.redrive();
      return { TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: input.SourceArn })).toString('base64') };
    }
    default:
      throw new SqsApiError('UnsupportedOperation', `The local SQS does not serve ${action}.`);
  }
};
