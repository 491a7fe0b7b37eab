import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { ValidationError } from '#kernel/errors';
import { CursorQuerySchema, MoneySchema, PriceSchema, pageOf } from '#kernel/schemas';
import { humanText } from '#kernel/text';
import { MAX_STOCK } from '../domain/product';
import { SkuSchema } from './sku';

export const TaxCategorySchema = /* @__PURE__ */ deferred(() => z
  .enum(['standard', 'intermediate', 'reduced', 'super_reduced', 'zero', 'digital', 'books'])
  .check(
    z.describe(
      "The product's VAT category; its rate is the one of the country of taxation (where goods are shipped, where the customer of a digital service lives). `reduced`, `intermediate`, `super_reduced`: a country's tiers, the French 5.5 %, 10 %, 2.1 %; `digital`: e-services, at the standard rate; `zero`: vouchers and what bears no VAT; `books`: printed books and e-books, at each member state's rate for books (5.5 % in France, 4 % in Italy and Spain, 0 % in Ireland).",
    ),
  ));

/** The server's: what a PUT of the product sent back as it was read carries, and ignores. */
const UpdatedAtSchema = /* @__PURE__ */ deferred(() => z.iso.datetime().check(z.meta({ readOnly: true, description: 'When the product last changed; set by the server (ignored when sent).' })));

/** A count of units an admin sets: `{ set }` of the stock endpoint, `available` of a PUT. */
const StockCountSchema = /* @__PURE__ */ deferred(() => z.number().check(z.int(), z.minimum(0), z.maximum(MAX_STOCK)));

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
  updatedAt: UpdatedAtSchema,
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

/**
 * What an admin sends to create or update a product: a product as `GET /products/{sku}` or this
 * route answered it may be sent back as it is (`sku` the path's, `updatedAt` ignored).
 */
export const PutProductBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    sku: z.optional(SkuSchema).check(z.describe('The SKU in the path, case kept (optional): a body naming another product is refused.')),
    name: humanText({ maxLength: 200 }),
    description: z._default(humanText({ maxLength: 5000, multiline: true, mayBeEmpty: true }), ''),
    type: z.enum(['physical', 'digital']),
    price: PriceSchema,
    taxCategory: TaxCategorySchema,
    // No cap here: a product read back may count more than `MAX_STOCK` (units returned or
    // cancelled go back whatever the count); a new product's stock is capped by the domain.
    available: z
      .optional(z.number().check(z.int(), z.minimum(0)))
      .check(
        z.describe(
          'Units in stock, physical goods only. A new product starts with them (`StockChanged` from 0; absent: 0). An existing product keeps its stock: the count it has now is accepted and changes nothing (a product sent back as it was read), another is refused with 409 naming `available` (the units may have been sold since it was read): change the stock with `POST /admin/products/{sku}/stock`.',
        ),
      ),
    category: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'a category is lower-case letters, digits or dashes')),
    reorderPoint: z
      .optional(z.nullable(ReorderPointSchema))
      .check(z.describe('Absent: an existing product keeps its reorder point (the public product, which may be sent back, does not show it) and a new one has none; `null` removes it.')),
    updatedAt: z.optional(UpdatedAtSchema),
  })
  .check(
    // Digital goods never run out: a reorder point or a stock on one is a mistake, not something to ignore.
    z.refine((body) => body.type === 'physical' || body.reorderPoint == null, {
      path: ['reorderPoint'],
      message: 'only a physical product has a reorder point',
    }),
    z.refine((body) => body.type === 'physical' || body.available === undefined, {
      path: ['available'],
      message: 'only a physical product has a stock',
    }),
    z.meta({
      id: 'PutProductBody',
      description:
        'The whole product: what `GET /products/{sku}` (or this route) answered may be sent back as it is. `sku`, if sent, must be the one in the path; `updatedAt` is read-only, set by the server and ignored when sent. `type` never changes: another than the stored one is refused with 409 naming `type`. `available` is the stock a new physical product starts with; on an existing product only its current count is accepted (409 otherwise: the stock changes through `POST /admin/products/{sku}/stock`). An absent `reorderPoint` keeps the stored one; `null` removes it.',
      examples: [{ name: 'Logo mug', type: 'physical', price: { amount: 1290, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen', available: 40, reorderPoint: 5 }],
    }),
  ));

/**
 * The product a PUT describes: its body at its path's SKU. The body may name the SKU (a product
 * sent back as it was read), but only that one, case kept: naming another is neither a rename nor a
 * write to the other product, but a 400.
 */
export const productAtPath = <B extends { sku?: string | undefined }>(sku: string, { sku: named, ...body }: B): Omit<B, 'sku'> & { sku: string } => {
  if (named !== undefined && named !== sku) {
    throw new ValidationError(`The body is product ${named}, but the path is ${sku}.`, [{ path: 'sku', message: `must be the SKU in the path, ${sku}` }]);
  }
  return { ...body, sku };
};

/**
 * Either `delta` or `set`. Read as one object whose two fields are each optional, so that a 400
 * names the field at fault (`set` is 1.5, `delta` is missing) rather than the body: a union of the
 * two shapes would say only that neither matched. Then handed on as the one change it is.
 */
export const StockBodySchema = /* @__PURE__ */ deferred(() => z.pipe(
  z
    .strictObject({
      delta: z.optional(z.number().check(z.int(), z.minimum(-MAX_STOCK), z.maximum(MAX_STOCK), z.refine((d) => d !== 0, 'must not be 0'))),
      set: z.optional(StockCountSchema),
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
