import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The cart context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const cartFunctions = {
  carts: {
    kind: 'http',
    description: 'Carts: lines, customer details, promotion codes, priced by the server; promotions in the back office',
    // A JWT sent on a cart's route is verified: a cart a customer claimed is no other customer's.
    grants: ['table:read', 'table:write', 'identity:verify'],
    // Prices products it reads, never writes them; promotions are written by the back office;
    // its own rate-limit counters (promotion codes tried per client).
    tableKeys: { read: ['CART#*', 'PRODUCT#*', 'PROMOTION#*'], write: ['CART#*', 'PROMOTION#*', 'RATE#promotion-per-ip#*'], query: { table: ['SETTINGS'] } },
  },
} as const satisfies Record<string, FunctionSpec>;
