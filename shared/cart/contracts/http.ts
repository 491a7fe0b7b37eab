import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CurrencySchema } from '#kernel/schemas';
import { SkuSchema } from '#catalog/contracts/sku';
import { AddressSchema, CartIdParamsSchema, CartLineSchema, LocaleSchema, SentAddressSchema, TotalsSchema } from './shapes';

export const CartItemParamsSchema = /* @__PURE__ */ deferred(() => z.extend(CartIdParamsSchema, { sku: SkuSchema }));
// A code as the shop writes it (PUT /admin/promotions/{code}), in any case: removing one that is not
// on the cart changes nothing, but one that could be no code at all is a 400.
export const CartPromotionParamsSchema = /* @__PURE__ */ deferred(() =>
  z.extend(CartIdParamsSchema, { code: z.string().check(z.regex(/^[A-Za-z0-9_-]{2,40}$/, 'a code is 2 to 40 letters, digits, dashes or underscores')) }),
);

export const CreateCartBodySchema = /* @__PURE__ */ deferred(() => z.strictObject({ currency: z.optional(CurrencySchema).check(z.describe("The shop's currency, which its settings name; another is refused (422). Absent: the shop's.")) }).check(z.meta({ id: 'CreateCartBody', examples: [{ currency: 'EUR' }] })));

/** Only a quantity: the server prices every line from the catalog. */
export const SetItemBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({ quantity: z.number().check(z.int(), z.minimum(0)) })
  .check(z.meta({ id: 'SetCartItemBody', examples: [{ quantity: 2 }] })));

export const SetCustomerBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    shippingAddress: z.optional(AddressSchema),
    billingAddress: z.optional(AddressSchema),
    locale: z._default(LocaleSchema, 'fr'),
  })
  .check(
    z.meta({
      id: 'SetCartCustomerBody',
      examples: [{ email: 'camille@example.fr', shippingAddress: { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' } }],
    }),
  ));

export const ApplyPromotionBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({ code: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)) })
  .check(z.meta({ id: 'ApplyPromotionBody', examples: [{ code: 'WELCOME10' }] })));

// Unnamed, for the created cart to extend: `z.extend` keeps checks, and the named schema's
// `z.meta` would give the extension the id `Cart` too.
const CartFields = /* @__PURE__ */ deferred(() => z.object({
  id: z.string(),
  currency: CurrencySchema,
  items: z.array(CartLineSchema),
  customer: z.nullable(
    z.object({ email: z.string(), locale: LocaleSchema, shippingAddress: z.optional(SentAddressSchema), billingAddress: z.optional(SentAddressSchema) }),
  ),
  promotions: z
    .array(z.string())
    .check(
      z.describe(
        'The codes the totals apply, as checkout will. A code is kept with the terms it had when it was entered: one that no longer applies by them (it has ended, or the goods fell below its minimum) is not listed while it does not, and is listed again if it applies again (the goods back above the minimum). A code whose terms the shop changed since it was entered is refused at checkout (409 naming `promotions.<code>`): remove it and enter it again.',
      ),
    ),
  totals: TotalsSchema,
  pricesIncludeTax: z.boolean(),
  updatedAt: z.iso.datetime(),
}));

export const CartSchema = /* @__PURE__ */ deferred(() => CartFields.check(z.meta({ id: 'Cart' })));

export const CreatedCartSchema = /* @__PURE__ */ deferred(() => z.extend(CartFields, { token: z.string() }).check(z.meta({ id: 'CreatedCart' })));
