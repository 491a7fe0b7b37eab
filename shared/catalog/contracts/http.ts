import * as z from 'zod';
import { CursorQuerySchema, MoneySchema, PriceSchema, pageOf } from '#kernel/schemas';
import { SkuSchema } from './sku';

export const TaxCategorySchema = z.enum(['standard', 'reduced', 'super_reduced', 'zero', 'digital']);

export const ProductSchema = z
  .object({
    sku: SkuSchema,
    name: z.string(),
    description: z.string(),
    type: z.enum(['physical', 'digital']),
    price: MoneySchema,
    taxCategory: TaxCategorySchema,
    available: z.number().int().optional().describe('Units in stock; physical goods only.'),
    category: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Product' });

export const ProductPageSchema = pageOf(ProductSchema, 'ProductPage');

const ReorderPointSchema = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .describe('At or below this many available units, a sale publishes `StockLow` (once per crossing). Physical goods only.');

/** A product as the back office sees it: what the public sees, and its reorder point. */
export const AdminProductSchema = ProductSchema.extend({ reorderPoint: ReorderPointSchema.optional() }).meta({ id: 'AdminProduct' });

export const SkuParamsSchema = z.strictObject({ sku: SkuSchema });

export const ListProductsQuerySchema = z.strictObject({
  category: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes').optional(),
  ...CursorQuerySchema,
});

/** What an admin sends to create or update a product. Stock is set through the stock endpoint. */
export const PutProductBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    type: z.enum(['physical', 'digital']),
    price: PriceSchema,
    taxCategory: TaxCategorySchema,
    category: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes'),
    reorderPoint: ReorderPointSchema.optional(),
  })
  // Digital goods never run out: a reorder point on one is a mistake, not something to ignore.
  .refine((body) => body.type === 'physical' || body.reorderPoint === undefined, {
    path: ['reorderPoint'],
    message: 'only a physical product has a reorder point',
  })
  .meta({
    id: 'PutProductBody',
    examples: [{ name: 'Logo mug', type: 'physical', price: { amount: 1290, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen', reorderPoint: 5 }],
  });

export const StockBodySchema = z
  .union(
    [
      z.strictObject({ delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'delta must not be 0') }),
      z.strictObject({ set: z.number().int().min(0).max(1_000_000) }),
    ],
    { error: 'send exactly one of `delta` (a non-zero whole number of units) or `set` (0 or more units)' },
  )
  .meta({ id: 'StockBody', examples: [{ delta: -2 }, { set: 10 }], description: 'Either `delta` (units to add or remove) or `set` (the new count).' });

export const StockLevelSchema = z.object({ sku: SkuSchema, available: z.number().int() }).meta({ id: 'StockLevel' });

export const StockQuerySchema = z.strictObject({
  low: z.enum(['true', 'false']).optional().describe('`true`: only the products at or below their reorder point.'),
});

export const StockListSchema = z
  .object({
    items: z.array(
      z
        .object({
          sku: SkuSchema,
          available: z.number().int(),
          reserved: z.number().int().describe('Units held by unpaid orders.'),
          reorderPoint: z.number().int().nullable().describe('null when the product has none.'),
        })
        .meta({ id: 'StockItem' }),
    ),
  })
  .meta({ id: 'StockList' });
