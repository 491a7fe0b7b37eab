import { createHash } from 'node:crypto';
import { compressText, decompressText } from '#runtime/dynamodb/compressed-text';
import type { Order } from '../domain/order';

/**
 * The key shapes of orders in the domain table, and nowhere else. GSI1 lists a customer's
 * orders newest first; GSI4 lists orders by status in time order (the back office, expiry), with
 * their keys and payment deadline only; GSI3 lists the orders of one email address (the back
 * office's search); GSI2 lists the refunds that succeeded, by date (the sales report), and those
 * Stripe has not answered yet (their completion).
 */
export const orderKeys = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' });

type Indexed = { id: string; status: string; createdAt: string; customerId?: string; customer?: { email?: string } };

export const orderIndexKeys = (order: Indexed) => ({
  ...(order.customerId && { GSI1PK: customerOrdersPartition(order.customerId), GSI1SK: orderPosition(order) }),
  ...orderStatusKeys(order),
  // Written at checkout; orders placed before GSI3 existed carry no such keys and are not found
  // by email (by number and status they still are).
  ...(order.customer?.email && { GSI3PK: orderEmailPartition(order.customer.email), GSI3SK: orderPosition(order) }),
});

/** The order's entry in the status index: rewritten at each status change, and only then. */
export const orderStatusKeys = (order: { id: string; status: string; createdAt: string }) => ({
  GSI4PK: orderStatusPartition(order.status),
  GSI4SK: orderPosition(order),
});

/** Where an order sorts in every listing: by creation time, its id breaking ties. */
export const orderPosition = (order: { id: string; createdAt: string }) => `${order.createdAt}#${order.id}`;

export const orderStatusPartition = (status: string) => `ORDER_STATUS#${status}`;

export const customerOrdersPartition = (customerId: string) => `CUSTOMER#${customerId}`;

/**
 * The orders of one email address, any case. The key holds a SHA-256 of it, never the address in
 * clear: keys are copied into indexes, logs of failed requests and IAM conditions.
 */
export const orderEmailPartition = (email: string) =>
  `ORDER_EMAIL#${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

/**
 * The pointer from an order number to its order, written in checkout's transaction on condition
 * that it does not exist: it finds an order by number, and makes numbers unique.
 */
export const orderNumberKey = (number: string) => ({ PK: `ORDER_NUMBER#${number}`, SK: 'ORDER_NUMBER' });

/**
 * A refund that succeeded, in the ledger of succeeded refunds: a small item beside its order, in
 * GSI2's one `REFUNDS_SUCCEEDED` partition by the time it succeeded (see `succeededRefundWrites`).
 * One partition: refunds come far below the thousand writes a second a partition takes.
 */
export const succeededRefundKeys = (orderId: string, refundId: string) => ({ PK: `ORDER#${orderId}`, SK: `REFUND#${refundId}` });
export const SUCCEEDED_REFUNDS = 'REFUNDS_SUCCEEDED';
export const succeededRefundIndexKeys = (refund: { id: string; settledAt: string }) => ({ GSI2PK: SUCCEEDED_REFUNDS, GSI2SK: `${refund.settledAt}#${refund.id}` });

/** A refund Stripe has not answered yet, on the watch of `completeUnansweredRefunds` (see `unansweredRefundWrites`). */
export const unansweredRefundKeys = (orderId: string, refundId: string) => ({ PK: `ORDER#${orderId}`, SK: `REFUND_UNANSWERED#${refundId}` });
export const UNANSWERED_REFUNDS = 'REFUNDS_UNANSWERED';

/** The per-year counter of order numbers. */
export const orderCounterKey = (year: number) => ({ PK: `COUNTER#order#${year}`, SK: 'COUNTER' });

/**
 * What an order fixes when it is placed and never changes after: its lines, buyer, totals and
 * terms, about two thirds of the item. They are stored as one brotli-compressed JSON attribute,
 * `placedBr`: every later write of the order (payment, parcels, refunds) is billed by the whole
 * item's size, 2 units per KB begun in a transaction, and this takes a KB off each. Nothing
 * updates, filters on or indexes these fields; what changes stays in attributes of its own.
 */
const PLACED = ['items', 'customer', 'totals', 'taxBreakdown', 'promotions', 'pricesIncludeTax', 'termsAcceptedAt', 'termsVersion', 'digitalWithdrawalWaiverAt'] as const;
type Placed = (typeof PLACED)[number];

/** An order as the domain table stores it, with its keys and index keys. */
export const orderItem = (order: Order) => {
  const placed: Partial<Pick<Order, Placed>> = {};
  const rest: Record<string, unknown> = { ...order };
  for (const field of PLACED) {
    if (order[field] === undefined) continue;
    Object.assign(placed, { [field]: order[field] });
    delete rest[field];
  }
  return { ...rest, placedBr: compressText(JSON.stringify(placed)), ...orderKeys(order.id), ...orderIndexKeys(order) };
};

/** An order as stored, without its keys and its token hash: the domain's `Order`. */
export const orderFromItem = (item: Record<string, unknown>): Order => {
  // GSI2 keys: orders placed before GSI4 existed, not moved yet. Orders stored before `placedBr`
  // hold their placed fields as plain attributes.
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, GSI3PK: _g, GSI3SK: _h, GSI4PK: _i, GSI4SK: _j, tokenHash: _k, placedBr, ...order } = item;
  const placed = placedBr === undefined ? {} : (JSON.parse(decompressText(placedBr as Uint8Array | string)) as Partial<Order>);
  return { ...order, ...placed } as unknown as Order;
};
