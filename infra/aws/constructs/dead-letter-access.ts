import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Every worker queue with its DLQ, as the stack made them. */
export type QueuePairs = Record<string, { queue: Queue; deadLetterQueue: Queue }>;

/**
 * `DEAD_LETTER_QUEUES` for the functions granted `queues:operate`: the pairs as JSON
 * `[{ name, queueArn, deadLetterUrl, deadLetterArn }]`, resolved at deployment.
 */
export const deadLetterEnvironment = (scope: Construct, pairs: QueuePairs): Record<string, string> => ({
  DEAD_LETTER_QUEUES: Stack.of(scope).toJsonString(
    Object.entries(pairs).map(([name, { queue, deadLetterQueue }]) => ({
      name,
      queueArn: queue.queueArn,
      deadLetterUrl: deadLetterQueue.queueUrl,
      deadLetterArn: deadLetterQueue.queueArn,
    })),
  ),
});

/**
 * What a look at the DLQs and a redrive need, on those queues only: count and peek (a receive
 * with no visibility timeout) on each DLQ; a message move task from a DLQ, which SQS runs with the
 * caller's rights to receive and delete there and to send to the queue the messages go back to.
 */
export const deadLetterStatements = (pairs: QueuePairs): PolicyStatement[] => {
  const all = Object.values(pairs);
  return [
    new PolicyStatement({
      actions: ['sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask'],
      resources: all.map((pair) => pair.deadLetterQueue.queueArn),
    }),
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: all.map((pair) => pair.queue.queueArn) }),
  ];
};
