import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The payments context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const paymentsFunctions = {
  'stripe-webhook': {
    kind: 'http',
    description: "Verifies Stripe's webhooks and publishes them as payment events",
    grants: ['bus:publish', 'stripe:secret'],
  },
  payments: {
    kind: 'worker',
    description: 'Marks orders paid (invoice number), or shows why not',
    grants: ['table:read', 'table:write', 'stripe:secret'],
    timeoutSeconds: 30,
    // An order paid: its status, the year's invoice counter, the client's slots of unpaid orders
    // it frees. No product: the stock was taken at checkout, and the units it held were counted
    // from the order while it was pending.
    tableKeys: {
      read: ['ORDER#*', 'COUNTER#invoice#*'],
      write: ['ORDER#*', 'COUNTER#invoice#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#unpaid-per-customer#*', 'OUTBOX#*', 'EVENT#*'],
      // The seller an order is invoiced by, from the shop's settings (cached).
      query: { table: ['SETTINGS'] },
    },
  },
  'payment-reconciliation': {
    kind: 'scheduled',
    description: 'Compares orders still pending with Stripe and repairs what a lost webhook left',
    grants: ['table:read', 'table:write', 'stripe:secret'],
    timeoutSeconds: 120,
    // What the payments worker touches, and the pending orders' partition of the status index.
    tableKeys: {
      read: ['ORDER#*', 'COUNTER#invoice#*'],
      write: ['ORDER#*', 'COUNTER#invoice#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#unpaid-per-customer#*', 'OUTBOX#*'],
      // GSI2 too: orders placed before GSI4 and still unpaid are listed there.
      query: { GSI4: ['ORDER_STATUS#pending_payment'], GSI2: ['ORDER_STATUS#pending_payment'], table: ['SETTINGS'] },
    },
  },
  invoices: {
    kind: 'http',
    description: 'Invoices of paid orders, as JSON or PDF, for whoever may read the order',
    grants: ['table:read', 'identity:verify', 'signing:secret'],
    pdf: true,
    tableKeys: { read: ['ORDER#*'] },
  },
} as const satisfies Record<string, FunctionSpec>;
