import * as z from 'zod';
import { CurrencySchema } from '#kernel/schemas';
import { SkuSchema } from '#catalog/contracts/sku';
import { AddressSchema, CartIdParamsSchema, CartLineSchema, LocaleSchema, TotalsSchema } from './shapes';

export const CartItemParamsSchema = CartIdParamsSchema.extend({ sku: SkuSchema });
export const CartPromotionParamsSchema = CartIdParamsSchema.extend({ code: z.string().min(1).max(40) });

export const CreateCartBodySchema = z.strictObject({ currency: CurrencySchema.optional() }).meta({ id: 'CreateCartBody', examples: [{ currency: 'EUR' }] });

/** Only a quantity: the server prices every line from the catalog. */
export const SetItemBodySchema = z
  .strictObject({ quantity: z.number().int().min(0) })
  .meta({ id: 'SetCartItemBody', examples: [{ quantity: 2 }] });

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
