import { DeadLettersSchema, QueueParamsSchema, RedriveSchema } from './contracts/http';
import { NoBodySchema } from '#kernel/schemas';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The operations context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const operationsRoutes = {
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
    body: NoBodySchema,
    response: { status: 202, schema: RedriveSchema },
  },
} as const satisfies Record<string, RouteSpec>;
