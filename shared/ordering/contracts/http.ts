import * as z from 'zod';
import { CursorQuerySchema, MoneySchema, pageOf } from '#kernel/schemas';
import { AddressSchema, CartLineSchema, TotalsSchema } from '#cart/contracts/http';

export const OrderIdParamsSchema = z.strictObject({ orderId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not an order id') });

export const CheckoutBodySchema = z
  .strictObject({
    acceptTerms: z.boolean().optional(),
    termsVersion: z.string().trim().min(1).max(40).optional(),
  })
  .meta({ id: 'CheckoutBody', description: 'The customer accepts the terms of sale of the given version.' });

export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['pending_payment', 'paid', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded']),
    currency: z.string(),
    items: z.array(CartLineSchema.extend({ type: z.enum(['physical', 'digital']), taxRate: z.number().int(), tax: MoneySchema, discount: MoneySchema })),
    customer: z.object({ email: z.string(), shippingAddress: AddressSchema.optional(), billingAddress: AddressSchema.optional() }),
    promotions: z.array(z.string()),
    totals: TotalsSchema,
    pricesIncludeTax: z.boolean(),
    termsAcceptedAt: z.string(),
    termsVersion: z.string(),
    payment: z.object({ provider: z.literal('stripe'), paymentIntentId: z.string(), status: z.string() }),
    invoiceNumber: z.string().nullable(),
    shipments: z.array(z.unknown()),
    returns: z.array(z.unknown()),
    refunds: z.array(z.unknown()),
    paymentDueAt: z.string(),
    cancelledAt: z.string().optional(),
    cancellationReason: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Order' });

export const CheckoutResultSchema = z
  .object({
    order: OrderSchema,
    orderToken: z.string(),
    payment: z.object({ provider: z.literal('stripe'), paymentIntentId: z.string(), clientSecret: z.string() }),
  })
  .meta({ id: 'CheckoutResult' });

export const OrderPageSchema = pageOf(OrderSchema, 'OrderPage');
export const MyOrdersQuerySchema = z.strictObject({ ...CursorQuerySchema });
