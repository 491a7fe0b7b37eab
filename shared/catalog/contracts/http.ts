import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CursorQuerySchema, MoneySchema, PriceSchema, pageOf } from '#kernel/schemas';
import { humanText } from '#kernel/text';
import { SkuSchema } from './sku';

export const TaxCategorySchema = /* @__PURE__ */ deferred(() => z.enum(['standard', 'intermediate', 'reduced', 'super_reduced', 'zero', 'digital']));

// Unnamed, for the back office's product to extend: `z.extend` keeps checks, so extending the
// named schema would carry its `z.meta` and give the extension the id `Product` too.
const ProductFields = /* @__PURE__ */ deferred(() => z.object({
  sku: SkuSchema,
  name: z.string(),
  description: z.string(),
  type: z.enum(['physical', 'digital']),
  price: MoneySchema,
  taxCategory: TaxCategorySchema,
  available: z.optional(z.number().check(z.int())).check(z.describe('Units in stock; physical goods only.')),
  category: z.string(),
  updatedAt: z.iso.datetime(),
}));

export const ProductSchema = /* @__PURE__ */ deferred(() => ProductFields.check(z.meta({ id: 'Product' })));

export const ProductPageSchema = /* @__PURE__ */ deferred(() => pageOf(ProductSchema, 'ProductPage'));

const ReorderPointSchema = /* @__PURE__ */ deferred(() => z
  .number()
  .check(
    z.int(),
    z.minimum(0),
    z.maximum(1_000_000),
    z.describe('At or below this many available units, `StockLow` is published (once per crossing: a sale, a removal or a raised point taking the stock from above it). Physical goods only.'),
  ));

/** A product as the back office sees it: what the public sees, and its reorder point. */
export const AdminProductSchema = /* @__PURE__ */ deferred(() => z.extend(ProductFields, { reorderPoint: z.optional(ReorderPointSchema) }).check(z.meta({ id: 'AdminProduct' })));

export const SkuParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({ sku: SkuSchema }));

export const ListProductsQuerySchema = /* @__PURE__ */ deferred(() => z.strictObject({
  category: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes'))),
  ...CursorQuerySchema,
}));

/** What an admin sends to create or update a product. Stock is set through the stock endpoint. */
export const PutProductBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    name: humanText({ maxLength: 200 }),
    description: z._default(humanText({ maxLength: 5000, multiline: true, mayBeEmpty: true }), ''),
    type: z.enum(['physical', 'digital']),
    price: PriceSchema,
    taxCategory: TaxCategorySchema,
    category: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes')),
    reorderPoint: z.optional(ReorderPointSchema),
  })
  .check(
    // Digital goods never run out: a reorder point on one is a mistake, not something to ignore.
    z.refine((body) => body.type === 'physical' || body.reorderPoint === undefined, {
      path: ['reorderPoint'],
      message: 'only a physical product has a reorder point',
    }),
    z.meta({
      id: 'PutProductBody',
      examples: [{ name: 'Logo mug', type: 'physical', price: { amount: 1290, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen', reorderPoint: 5 }],
    }),
  ));

/**
 * Either `delta` or `set`. Read as one object whose two fields are each optional, so that a 400
 * names the field at fault (`set` is 1.5, `delta` is missing) rather than the body: a union of the
 * two shapes would say only that neither matched. Then handed on as the one change it is.
 */
export const StockBodySchema = /* @__PURE__ */ deferred(() => z.pipe(
  z
    .strictObject({
      delta: z.optional(z.number().check(z.int(), z.minimum(-1_000_000), z.maximum(1_000_000), z.refine((d) => d !== 0, 'must not be 0'))),
      set: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000))),
    })
    .check(
      z.superRefine((body, ctx) => {
        const sent = (['delta', 'set'] as const).filter((field) => body[field] !== undefined);
        if (sent.length === 1) return;
        const message = sent.length === 0 ? 'send `delta` (units to add or remove) or `set` (the new count)' : 'send `delta` or `set`, not both';
        for (const field of ['delta', 'set']) ctx.addIssue({ code: 'custom', path: [field], message, input: body });
      }),
      z.meta({
        id: 'StockBody',
        // With no other field allowed: exactly one of the two.
        minProperties: 1,
        maxProperties: 1,
        examples: [{ delta: -2 }, { set: 10 }],
        description: 'Either `delta` (units to add or remove) or `set` (the new count).',
      }),
    ),
  // The check above leaves exactly one of the two.
  z.transform(({ delta, set }): { delta: number } | { set: number } => (set === undefined ? { delta: delta! } : { set })),
));

export const StockLevelSchema = /* @__PURE__ */ deferred(() => z.object({ sku: SkuSchema, available: z.number().check(z.int()) }).check(z.meta({ id: 'StockLevel' })));

export const StockQuerySchema = /* @__PURE__ */ deferred(() => z.strictObject({
  low: z.optional(z.enum(['true', 'false'])).check(z.describe('`true`: only the products at or below their reorder point.')),
}));

export const StockListSchema = /* @__PURE__ */ deferred(() => z
  .object({
    items: z.array(
      z
        .object({
          sku: SkuSchema,
          available: z.number().check(z.int()),
          reserved: z.number().check(z.int(), z.describe('Units held by unpaid orders.')),
          reorderPoint: z.nullable(z.number().check(z.int())).check(z.describe('null when the product has none.')),
        })
        .check(z.meta({ id: 'StockItem' })),
    ),
  })
  .check(z.meta({ id: 'StockList' })));
