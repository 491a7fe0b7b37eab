import * as z from 'zod/mini';
import { defineEvent } from '#kernel/events';
import { orderSnapshotSchema } from './order-snapshot';

/** The facts about orders. Each carries the full order, so a consumer never calls back. */

export const OrderPlaced = /* @__PURE__ */ (() => defineEvent({
  name: 'OrderPlaced',
  source: 'commerce.orders',
  version: 1,
  description: 'A cart was checked out: the order exists, its stock is reserved, its payment is awaited. Carries the full order.',
  schema: () => z.object({ order: orderSnapshotSchema }),
}))();

export const OrderPaid = /* @__PURE__ */ (() => defineEvent({
  name: 'OrderPaid',
  source: 'commerce.orders',
  version: 1,
  description: 'The order is paid: its units, taken from stock at checkout, are sold, and its invoice number is issued. Carries the full order, its VAT per rate (`taxBreakdown`, the delivery\'s part in each) included.',
  schema: () => z.object({ order: z.extend(orderSnapshotSchema, { invoiceNumber: z.string(), paidAt: z.string() }) }),
}))();

export const OrderCancelled = /* @__PURE__ */ (() => defineEvent({
  name: 'OrderCancelled',
  source: 'commerce.orders',
  version: 1,
  description: [
    'An order was cancelled (unpaid in time, or by the shop), whole or, once partly shipped, what had not shipped of it; the physical units cancelled went back to stock. Carries the full order.',
    '`cancelledItems` says what: whole (`order.status` is `cancelled`), every line; partly shipped (`order.status` is not `cancelled`: the order goes on with what it shipped), the units that had not shipped, the goods shipped and digital content (supplied at payment) staying.',
  ].join(' '),
  schema: () =>
    z.object({
      order: orderSnapshotSchema,
      reason: z.enum(['payment_expired', 'cancelled_by_shop']),
      // Added in place (version 1): events published before it have none, and cancelled whole orders only.
      cancelledItems: z.optional(
        z
          .array(z.object({ sku: z.string(), quantity: z.number().check(z.int()) }))
          .check(z.describe('What was cancelled, per product: every line of an order cancelled whole; of a partly shipped one, the units not shipped.')),
      ),
    }),
}))();
