import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The catalog context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const catalogFunctions = {
  catalog: {
    kind: 'http',
    description: 'Public catalog, health and the OpenAPI document',
    grants: ['table:read', 'signing:secret'],
    // Products only: a public function must never reach an order, a cart or an address.
    tableKeys: { read: ['PRODUCT#*'], query: { GSI1: ['CATALOG'], GSI2: ['CATEGORY#*'] } },
  },
  'catalog-admin': {
    kind: 'http',
    description: 'Back office of the catalog: products and stock',
    // The idempotency table, and the key that seals its records, for a stock change sent with an
    // Idempotency-Key (optional on that route): both read by the first such request only.
    grants: ['table:read', 'table:write', 'idempotency', 'signing:secret'],
    // The stock view lists the catalog (GSI1), the way the public catalog does, and reads the
    // unpaid orders for the units they hold: the pending partition of the status index (GSI4),
    // of GSI2 for orders placed before GSI4 and still unpaid, and the orders behind them. The
    // shop's settings, for the currency a price must be in (Powertools' cached provider).
    tableKeys: {
      read: ['PRODUCT#*', 'ORDER#*'],
      write: ['PRODUCT#*', 'OUTBOX#*'],
      query: { table: ['SETTINGS'], GSI1: ['CATALOG'], GSI4: ['ORDER_STATUS#pending_payment'], GSI2: ['ORDER_STATUS#pending_payment'] },
    },
  },
  inventory: {
    kind: 'worker',
    description: 'Reports the stock each placed or cancelled order or received return moved, and tells the shop once when a sale crosses a reorder point',
    grants: ['table:read', 'table:write'],
    // Its claims on the events it handled (EVENT#<id>, which carry the StockChanged facts it
    // states), its StockLow facts (OUTBOX#<id>), and a product's low-stock alert flag
    // (PRODUCT#<sku>), never its stock.
    tableKeys: { read: ['PRODUCT#*'], write: ['EVENT#*', 'OUTBOX#*', 'PRODUCT#*'] },
  },
} as const satisfies Record<string, FunctionSpec>;
