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

export const StockChanged = /* @__PURE__ */ (() => defineEvent({
  name: 'StockChanged',
  source: 'commerce.inventory',
  version: 1,
  description:
    "The sellable stock of a physical product changed (admin adjustment, order reserved or released, return received). `low` is true at or below the product's reorder point (false when it has none).",
  schema: () => z.object({
    sku: z.string(),
    previous: z.number().check(z.int()),
    available: z.number().check(z.int()),
    reason: z.enum(['adjustment', 'order_placed', 'order_cancelled', 'return_received']),
    low: z.boolean(),
  }),
}))();

export const StockLow = /* @__PURE__ */ (() => defineEvent({
  name: 'StockLow',
  source: 'commerce.inventory',
  version: 1,
  description:
    "A sale brought a product's available stock to its reorder point or below. Published once per crossing: it fires again only after the stock went back above the reorder point.",
  schema: () => z.object({
    sku: z.string(),
    name: z.string(),
    available: z.number().check(z.int()),
    reorderPoint: z.number().check(z.int()),
  }),
}))();
