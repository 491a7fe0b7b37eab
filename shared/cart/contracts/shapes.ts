import * as z from 'zod';
import { MoneySchema } from '#kernel/schemas';
import { SkuSchema } from '#catalog/contracts/sku';

/*
 * The cart's shapes that other contracts embed (orders, invoices, the shop's settings, checkout's
 * path). They live apart from http.ts so that a function which embeds them does not build the
 * schemas of every cart route.
 */

export const CartIdParamsSchema = z.strictObject({ cartId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not a cart id') });

export const AddressSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    postalCode: z.string().trim().min(1, 'is required').max(20).regex(/^[A-Za-z0-9 -]+$/, 'is not a postal code'),
    city: z.string().trim().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR'),
    phone: z.string().regex(/^\+?[0-9 ().-]{6,20}$/, 'is not a phone number').optional(),
  })
  .meta({ id: 'Address' });

/** The language of the customer's emails and documents. */
export const LocaleSchema = z.enum(['fr', 'en']).describe('The language of the emails and documents: French unless English is asked for.');

export const TotalsSchema = z
  .object({ subtotal: MoneySchema, discount: MoneySchema, shipping: MoneySchema, tax: MoneySchema, total: MoneySchema })
  .meta({ id: 'Totals' });

export const CartLineSchema = z.object({
  sku: SkuSchema,
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: MoneySchema,
  lineTotal: MoneySchema,
});
