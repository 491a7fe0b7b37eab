import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The fulfillment context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const fulfillmentFunctions = {
  fulfillment: {
    kind: 'http',
    description: 'Back office of shipping: parcels with their tracking numbers, deliveries',
    grants: ['table:read', 'table:write'],
    // Reads then writes the order (a guarded transition) with its facts; nothing else.
    tableKeys: { read: ['ORDER#*'], write: ['ORDER#*', 'OUTBOX#*'] },
  },
  downloads: {
    kind: 'http',
    description: "Download links to a paid order's digital goods",
    grants: ['table:read', 'identity:verify', 'signing:secret', 'downloads:sign'],
    tableKeys: { read: ['ORDER#*'] },
  },
  'digital-delivery': {
    kind: 'worker',
    description: 'Delivers the digital goods of each paid order at once',
    grants: ['table:read', 'table:write'],
    tableKeys: { read: ['ORDER#*'], write: ['ORDER#*', 'OUTBOX#*'] },
  },
} as const satisfies Record<string, FunctionSpec>;
