import * as z from 'zod/mini';
import { defineEvent, EventMoneySchema } from '#kernel/events';

/** The facts about products and their stock. */

export const ProductUpdated = /* @__PURE__ */ (() => defineEvent({
  name: 'ProductUpdated',
  source: 'commerce.catalog',
  version: 1,
  description: 'A product was created or its details changed. Carries the whole product.',
  schema: () => z.object({
    product: z.object({
      sku: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.enum(['physical', 'digital']),
      price: EventMoneySchema,
      taxCategory: z.string(),
      category: z.string(),
      available: z.optional(z.number().check(z.int())),
      reorderPoint: z.optional(z.number().check(z.int())),
      updatedAt: z.string(),
    }),
    created: z.boolean(),
  }),
}))();

/**
 * How `available` (and what follows from it) relates to the change an event reports. Added in place
 * (version 1): events published before it have none (then as `change` for an adjustment, `report` otherwise).
 */
const availableAsOf = () =>
  z.optional(
    z.enum(['change', 'report']).check(
      z.describe(
        '`change`: `available` is the count right after this change, exact (written in its transaction). `report`: the stock as read when the change was reported, after its transaction: it may already count later changes.',
      ),
    ),
  );

export const StockChanged = /* @__PURE__ */ (() => defineEvent({
  name: 'StockChanged',
  source: 'commerce.inventory',
  version: 1,
  description: [
    'The sellable stock of a physical product changed: an admin adjustment, units taken by a placed order (`order_placed`), given back by a cancelled one (`order_cancelled`: the whole order, or the units a partly shipped one had not shipped) or put back by a received return.',
    '`delta` and `reason` are exact for every change: summed over the events of a product (one per `eventId`) from a known count, the deltas give its count, whatever order the events arrive in.',
    '`availableAsOf` says what the counts are. `change` (admin adjustments): `previous` and `available` are the count just before and just after this change, exact.',
    '`report` (orders and returns, whose transaction returns no count: the inventory worker reports them after it): `available` is the stock as the worker read it, which may already count other changes (concurrent sales may all report the same `available`), and `previous` is only `available - delta`, not necessarily a count the product had.',
    "`low` is true when that `available` is at or below the product's reorder point (false when it has none).",
  ].join(' '),
  schema: () => z.object({
    sku: z.string(),
    previous: z.number().check(z.int()),
    available: z.number().check(z.int()),
    // Added in place (version 1): events published before them have neither.
    delta: z.optional(z.number().check(z.int(), z.describe('The units this change added; negative when it took them. Exact.'))),
    availableAsOf: availableAsOf(),
    reason: z.enum(['adjustment', 'order_placed', 'order_cancelled', 'return_received']),
    // Added in place (version 1): the order (and return) that moved the units, for a stock ledger; none on an adjustment.
    orderId: z.optional(z.string().check(z.describe('The order whose units moved (order_placed, order_cancelled, return_received).'))),
    returnId: z.optional(z.string().check(z.describe('The return whose goods came back (return_received).'))),
    low: z.boolean(),
  }),
}))();

export const StockLow = /* @__PURE__ */ (() => defineEvent({
  name: 'StockLow',
  source: 'commerce.inventory',
  version: 1,
  description: [
    "A product's available stock went from above its reorder point to at or below it: a sale, the admin removing units, or the admin raising the reorder point.",
    'Published once per crossing: it fires again only after the stock went back above the reorder point. `reorderPoint` is the point crossed.',
    '`availableAsOf`: `change` (the admin\'s change): `available` is the count right after it, exact; `report` (a sale, noticed by the inventory worker after checkout): the stock as read then, at or below the reorder point, which may already count later sales.',
  ].join(' '),
  schema: () => z.object({
    sku: z.string(),
    name: z.string(),
    available: z.number().check(z.int()),
    reorderPoint: z.number().check(z.int()),
    availableAsOf: availableAsOf(),
  }),
}))();
