import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * What an order writes when money goes back: the order, its return lookups, the credit-note
 * counter, the invoice counter (an invoice cancels the credit note of a refund the bank failed),
 * restocked products, facts.
 */
const afterSalesWrites = ['ORDER#*', 'RETURN#*', 'COUNTER#credit-note#*', 'COUNTER#invoice#*', 'PRODUCT#*', 'OUTBOX#*'];
const numberedReads = ['COUNTER#credit-note#*', 'COUNTER#invoice#*'];

/**
 * The returns context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const returnsFunctions = {
  returns: {
    kind: 'http',
    description: 'Returns asked by customers, within the return window',
    // Public (an order token or the customer's JWT): no Stripe key, no stock, no counter. The
    // idempotency table for a return asked with an Idempotency-Key (optional on that route).
    grants: ['table:read', 'table:write', 'idempotency', 'identity:verify', 'signing:secret'],
    tableKeys: { read: ['ORDER#*'], write: ['ORDER#*', 'RETURN#*', 'OUTBOX#*'], query: { table: ['SETTINGS'] } },
  },
  'returns-admin': {
    kind: 'http',
    description: 'Returns approved, rejected and received (restock and refund) by the shop',
    grants: ['table:read', 'table:write', 'stripe:secret'],
    timeoutSeconds: 30,
    tableKeys: { read: ['ORDER#*', 'RETURN#*', ...numberedReads], write: afterSalesWrites },
  },
  refunds: {
    kind: 'http',
    description: 'Refunds and cancellations by the shop, through Stripe',
    grants: ['table:read', 'table:write', 'idempotency', 'signing:secret', 'stripe:secret'],
    timeoutSeconds: 30,
    tableKeys: { read: ['ORDER#*', ...numberedReads], write: [...afterSalesWrites, 'PROMOTION#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#unpaid-per-customer#*'] },
  },
  'refund-settlement': {
    kind: 'worker',
    description: 'Settles refunds from what Stripe reports (succeeded, failed); records those made in Stripe\'s dashboard',
    // Stripe: to read a refund made in its dashboard, and the PaymentIntent that names its order.
    grants: ['table:read', 'table:write', 'stripe:secret'],
    // Past Stripe's worst case (16 s, `stripeTiming`) with room for the settlement's transaction.
    timeoutSeconds: 30,
    tableKeys: { read: ['ORDER#*', ...numberedReads], write: afterSalesWrites },
  },
  'refund-deadlines': {
    kind: 'scheduled',
    description: 'Reports withdrawals whose refund is past its legal deadline; asks Stripe again for refunds it never answered',
    // Stripe: only when a refund went unanswered (the SDK and the keys load with the first).
    grants: ['table:read', 'table:write', 'stripe:secret'],
    // Past Stripe's worst case (16 s, `stripeTiming`) for a few refunds, with room for their settlements.
    timeoutSeconds: 60,
    tableKeys: { read: ['ORDER#*', ...numberedReads], write: afterSalesWrites, query: { GSI2: ['REFUND_DUE', 'REFUNDS_UNANSWERED'] } },
  },
  'credit-notes': {
    kind: 'http',
    description: 'Credit notes of an order, as JSON or PDF, for whoever may read the order',
    grants: ['table:read', 'identity:verify', 'signing:secret'],
    pdf: true,
    tableKeys: { read: ['ORDER#*'] },
  },
} as const satisfies Record<string, FunctionSpec>;
