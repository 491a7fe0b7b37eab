import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { createSqsDeadLetters } from '#operations/adapters/sqs-dead-letters';
import { listDeadLetters, redriveDeadLetters } from '#operations/app/operate-dead-letters';
import { operationsFunctions } from '#operations/functions';
import { operationsRoutes } from '#operations/routes';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(operationsFunctions, 'operations');
const QueuePairs = z.array(z.object({ name: z.string(), queueArn: z.string(), deadLetterUrl: z.string(), deadLetterArn: z.string() }));
const deadLetters = createSqsDeadLetters(new SQSClient({}), QueuePairs.parse(JSON.parse(config.queues.DEAD_LETTER_QUEUES)), systemClock);

/** Dead letters for the shop's operators: a look, and a redrive. */
export const handler = httpHandler(operationsRoutes, 'operations', {
  'GET /admin/dead-letters': () => listDeadLetters({ deadLetters }),
  'POST /admin/dead-letters/{queue}/redrive': ({ params }) => redriveDeadLetters({ deadLetters }, params.queue),
});
