import * as z from 'zod';
import { MoneySchema, CursorQuerySchema, pageOf } from '#kernel/schemas';

export const SkuSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'a SKU is 2 to 64 upper-case letters, digits or dashes');

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
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

export const ProductPageSchema = pageOf(ProductSchema, 'ProductPage');

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
    price: MoneySchema,
    taxCategory: TaxCategorySchema,
    category: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes'),
  })
  .meta({ id: 'PutProductBody' });

export const StockBodySchema = z
  .union(
    [
      z.strictObject({ delta: z.number().int().min(-1_000_000).max(1_000_000).refine((d) => d !== 0, 'delta must not be 0') }),
      z.strictObject({ set: z.number().int().min(0).max(1_000_000) }),
    ],
    { error: 'send exactly one of `delta` (a non-zero whole number of units) or `set` (0 or more units)' },
  )
  .meta({ id: 'StockBody', description: 'Either `delta` (units to add or remove) or `set` (the new count).' });

export const StockLevelSchema = z.object({ sku: SkuSchema, available: z.number().int() }).meta({ id: 'StockLevel' });
