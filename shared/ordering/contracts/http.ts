import * as z from 'zod';
import { CurrencySchema, CursorQuerySchema, MoneySchema, pageOf } from '#kernel/schemas';
import { AddressSchema, CartLineSchema, LocaleSchema, TotalsSchema } from '#cart/contracts/shapes';
import { carriers } from '../domain/order';
import { returnReasons } from '../domain/after-sales';
import { SkuSchema } from '#catalog/contracts/sku';

/** Why goods come back: `withdrawal` is the 14-day right of withdrawal; the others say what is wrong with them. */
export const ReturnReasonSchema = z.enum(returnReasons);

export const CheckoutBodySchema = z
  .strictObject({
    acceptTerms: z.boolean().optional(),
    termsVersion: z.string().trim().min(1).max(40).optional(),
    digitalWithdrawalWaiver: z
      .boolean()
      .optional()
      .describe('Required (true) when the cart holds digital goods: the buyer asks for immediate delivery and acknowledges losing the 14-day withdrawal right for them.'),
  })
  .meta({
    id: 'CheckoutBody',
    examples: [{ acceptTerms: true, termsVersion: '2026-01' }],
    description: 'The customer accepts the terms of sale of the given version (and, for digital goods, waives the withdrawal right for them).',
  });

export const ShipmentSchema = z
  .object({
    id: z.string(),
    carrier: z.enum(carriers),
    trackingNumber: z.string(),
    trackingUrl: z.string().describe('An https link to the carrier\'s tracking page for this parcel; empty for `other`.'),
    items: z.array(z.object({ sku: SkuSchema, quantity: z.number().int() })),
    shippedAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Shipment' });

export const ReturnSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(['requested', 'approved', 'rejected', 'received', 'refunded']),
    items: z.array(z.object({ sku: SkuSchema, quantity: z.number().int(), reason: z.string() })),
    rejectionReason: z.string().optional(),
    received: z.array(z.object({ sku: SkuSchema, received: z.number().int(), damaged: z.number().int() })).optional(),
    refundDueBy: z.iso.datetime().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Return' });

export const RefundSchema = z
  .object({
    id: z.string(),
    amount: MoneySchema,
    reason: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Refund' });

export const OrderLineSchema = CartLineSchema.extend({
  type: z.enum(['physical', 'digital']),
  /** Basis points: 2000 is 20 %. */
  taxRate: z.number().int(),
  tax: MoneySchema,
  discount: MoneySchema,
}).meta({ id: 'OrderLine' });

/**
 * An order as its customer reads it: exactly these fields. What the order item also holds stays
 * inside: the customer's user-pool id (`customerId`), the cart it came from, the VAT breakdown
 * (on the invoice instead), review flags and late-refund bookkeeping, each line's tax category.
 */
export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['pending_payment', 'paid', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded']),
    currency: CurrencySchema,
    items: z.array(OrderLineSchema),
    customer: z.object({ email: z.string(), locale: LocaleSchema, shippingAddress: AddressSchema.optional(), billingAddress: AddressSchema.optional() }),
    promotions: z.array(z.string()),
    totals: TotalsSchema,
    pricesIncludeTax: z.boolean(),
    termsAcceptedAt: z.iso.datetime(),
    termsVersion: z.string(),
    digitalWithdrawalWaiverAt: z.iso.datetime().optional().describe('When the buyer waived the withdrawal right for the digital goods (orders with digital goods).'),
    deliveredAt: z.iso.datetime().optional().describe('When the last of the goods was delivered: the return window counts from it.'),
    refundDueBy: z.iso.datetime().optional().describe('While a withdrawal is not refunded: the legal deadline of its refund (14 days from the notice).'),
    payment: z.object({
      provider: z.literal('stripe'),
      paymentIntentId: z.string(),
      status: z.enum(['requires_payment_method', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled']),
    }),
    invoiceNumber: z.string().nullable().describe('Set once paid.'),
    paidAt: z.iso.datetime().optional().describe('When the payment was recorded; set once paid.'),
    shipments: z.array(ShipmentSchema),
    returns: z.array(ReturnSchema),
    refunds: z.array(RefundSchema),
    paymentDueAt: z.iso.datetime().describe('An order still unpaid then is cancelled and its stock released.'),
    cancelledAt: z.iso.datetime().optional(),
    cancellationReason: z.string().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
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
