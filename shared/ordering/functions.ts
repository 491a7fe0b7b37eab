import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The ordering context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const orderingFunctions = {
  checkout: {
    kind: 'http',
    description: 'Turns a cart into an order with its stock reserved and a PaymentIntent',
    // A JWT sent is verified: a cart a customer claimed is checked out by no other customer.
    grants: ['table:read', 'table:write', 'idempotency', 'stripe:secret', 'signing:secret', 'identity:verify'],
    // Past Stripe's worst case (16 s, `stripeTiming`) with room for its own reads and transaction,
    // under API Gateway's 30: a Stripe that never answers still gets the client our 503.
    timeoutSeconds: 29,
    // One transaction: the order and its number's pointer, its stock, the cart closed, the
    // promotions counted, its own rate-limit counters; and the order-number counter. It checks
    // products' prices but reads no other order.
    tableKeys: {
      read: ['CART#*', 'PRODUCT#*'],
      // The shop's settings (terms, prices with tax), through Powertools' cached provider.
      query: { table: ['SETTINGS'] },
      write: ['ORDER#*', 'ORDER_NUMBER#*', 'PRODUCT#*', 'CART#*', 'PROMOTION#*', 'COUNTER#order#*', 'RATE#checkout-per-ip#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#unpaid-per-customer#*', 'RATE#checkout-failures-per-ip#*', 'OUTBOX#*'],
    },
  },
  orders: {
    kind: 'http',
    description: 'Orders as their customers see them, and the back office finds them',
    grants: ['table:read', 'identity:verify', 'signing:secret'],
    // The sales report pages through the orders of up to a year: more than the default 10 s, under
    // API Gateway's 30.
    timeoutSeconds: 29,
    // Orders by id or by number's pointer; one customer's orders on GSI1, by email on GSI3, by
    // status on GSI4 (and on GSI2 for orders placed before GSI4, with the ledger of succeeded
    // refunds, for the sales report); the shop's currency in its settings: no product, cart or counter.
    tableKeys: {
      read: ['ORDER#*', 'ORDER_NUMBER#*'],
      query: { GSI1: ['CUSTOMER#*'], GSI2: ['ORDER_STATUS#*', 'REFUNDS_SUCCEEDED'], GSI3: ['ORDER_EMAIL#*'], GSI4: ['ORDER_STATUS#*'], table: ['SETTINGS'] },
    },
  },
  'order-expiry': {
    kind: 'scheduled',
    description: 'Cancels unpaid orders past their payment deadline and releases their stock',
    grants: ['table:read', 'table:write', 'stripe:secret'],
    timeoutSeconds: 60,
    // Only the pending orders' partition of the status index (and of GSI2, for orders placed
    // before GSI4 and still unpaid).
    tableKeys: {
      read: ['ORDER#*', 'PRODUCT#*'],
      write: ['ORDER#*', 'PRODUCT#*', 'PROMOTION#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#unpaid-per-customer#*', 'OUTBOX#*'],
      query: { GSI4: ['ORDER_STATUS#pending_payment'], GSI2: ['ORDER_STATUS#pending_payment'] },
    },
  },
} as const satisfies Record<string, FunctionSpec>;
