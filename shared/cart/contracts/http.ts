import * as z from 'zod';
import { CurrencySchema, MoneySchema } from '#kernel/schemas';
import { SkuSchema } from '#catalog/contracts/http';

export const CartIdParamsSchema = z.strictObject({ cartId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not a cart id') });
export const CartItemParamsSchema = CartIdParamsSchema.extend({ sku: SkuSchema });
export const CartPromotionParamsSchema = CartIdParamsSchema.extend({ code: z.string().min(1).max(40) });

export const CreateCartBodySchema = z.strictObject({ currency: CurrencySchema.optional() }).meta({ id: 'CreateCartBody', examples: [{ currency: 'EUR' }] });

/** Only a quantity: the server prices every line from the catalog. */
export const SetItemBodySchema = z
  .strictObject({ quantity: z.number().int().min(0) })
  .meta({ id: 'SetCartItemBody', examples: [{ quantity: 2 }] });

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

export const SetCustomerBodySchema = z
  .strictObject({
    email: z.email().max(254),
    shippingAddress: AddressSchema.optional(),
    billingAddress: AddressSchema.optional(),
    locale: LocaleSchema.default('fr'),
  })
  .meta({
    id: 'SetCartCustomerBody',
    examples: [{ email: 'camille@example.fr', shippingAddress: { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' } }],
  });

export const ApplyPromotionBodySchema = z
  .strictObject({ code: z.string().trim().min(1).max(40) })
  .meta({ id: 'ApplyPromotionBody', examples: [{ code: 'WELCOME10' }] });

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

export const CartSchema = z
  .object({
    id: z.string(),
    currency: CurrencySchema,
    items: z.array(CartLineSchema),
    customer: z
      .object({ email: z.string(), locale: LocaleSchema, shippingAddress: AddressSchema.optional(), billingAddress: AddressSchema.optional() })
      .nullable(),
    promotions: z.array(z.string()),
    totals: TotalsSchema,
    pricesIncludeTax: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Cart' });

export const CreatedCartSchema = CartSchema.extend({ token: z.string() }).meta({ id: 'CreatedCart' });
