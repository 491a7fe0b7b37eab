import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { hasPostalCodeShape } from '#kernel/postal-codes';
import { CountryCodeSchema, KeptCountrySchema, MoneySchema } from '#kernel/schemas';
import { humanText, keptText, type TextSchemaOf } from '#kernel/text';
import { SkuSchema } from '#catalog/contracts/sku';

/*
 * The cart's shapes that other contracts embed (orders, invoices, the shop's settings, checkout's
 * path). They live apart from http.ts so that a function which embeds them does not build the
 * schemas of every cart route.
 */

export const CartIdParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({ cartId: z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not a cart id')) }));

const addressWith = (country: z.ZodMiniType<string>, text: TextSchemaOf) => z.strictObject({
  name: text({ maxLength: 200 }),
  line1: text({ maxLength: 200 }),
  line2: z.optional(text({ maxLength: 200, mayBeEmpty: true })),
  postalCode: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(20), z.regex(/^[A-Za-z0-9 -]+$/, 'is not a postal code')),
  city: text({ maxLength: 100 }),
  country,
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{6,20}$/, 'is not a phone number'))),
});

/**
 * An address as a client gives it (a cart's customer, the seller): its country an assigned ISO
 * 3166-1 code, its postal code of that country's shape where it is checked (postal-codes.ts).
 */
export const AddressSchema = /* @__PURE__ */ deferred(() =>
  addressWith(CountryCodeSchema, humanText).check(
    z.refine((address) => hasPostalCodeShape(address.country, address.postalCode), {
      path: ['postalCode'],
      message: 'is not a postal code of its country',
      when: (payload) => typeof (payload.value as { country?: unknown })?.country === 'string' && typeof (payload.value as { postalCode?: unknown })?.postalCode === 'string',
    }),
    z.meta({ id: 'Address' }),
  ));

/** An address as the API sends it back (carts, orders, invoices, the settings): as it was kept (see KeptCountrySchema, keptText). */
export const SentAddressSchema = /* @__PURE__ */ deferred(() => addressWith(KeptCountrySchema, keptText).check(z.meta({ id: 'Address' })));

/** The language of the customer's emails and documents. */
export const LocaleSchema = /* @__PURE__ */ deferred(() => z.enum(['fr', 'en']).check(z.describe('The language of the emails and documents: French unless English is asked for.')));

export const TotalsSchema = /* @__PURE__ */ deferred(() => z
  .object({ subtotal: MoneySchema, discount: MoneySchema, shipping: MoneySchema, tax: MoneySchema, total: MoneySchema })
  .check(z.meta({ id: 'Totals' })));

export const CartLineSchema = /* @__PURE__ */ deferred(() => z.object({
  sku: SkuSchema,
  name: z.string(),
  quantity: z.number().check(z.int()),
  unitPrice: MoneySchema,
  lineTotal: MoneySchema,
}));
