import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The operations context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const operationsFunctions = {
  'outbox-relay': {
    kind: 'stream',
    description: "Publishes the outbox items of the domain table's stream to the bus, each event once, with its id",
    grants: ['bus:publish'],
    timeoutSeconds: 30,
  },
  operations: {
    kind: 'http',
    description: 'Dead letters of every worker queue: a look, and a redrive',
    grants: ['queues:operate'],
  },
} as const satisfies Record<string, FunctionSpec>;
