import type { ContextWiring } from '#runtime/wiring-spec';
import { operationsFunctions } from './functions';
import { DeadLettersSchema, QueueParamsSchema, RedriveSchema } from './contracts/http';

/** The event path run by the shop's operators: the outbox relay, dead letters to look at and redrive. */
export const operationsWiring = {
  functions: operationsFunctions,
  routes: {
    'GET /admin/dead-letters': {
      function: 'operations',
      auth: 'admin',
      summary: "Each worker queue's dead letters: count, age of the oldest, the first messages",
      response: { status: 200, schema: DeadLettersSchema },
    },
    'POST /admin/dead-letters/{queue}/redrive': {
      function: 'operations',
      auth: 'admin',
      summary: 'Send the dead letters of a queue back to it (SQS StartMessageMoveTask)',
      params: QueueParamsSchema,
      response: { status: 202, schema: RedriveSchema },
    },
  },
  queues: {},
  schedules: {},
  events: [],
} as const satisfies ContextWiring;
