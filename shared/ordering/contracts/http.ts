import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CurrencySchema, CursorQuerySchema, MoneySchema, pageOf } from '#kernel/schemas';
import { humanText } from '#kernel/text';
import { CartLineSchema, LocaleSchema, SentAddressSchema, TotalsSchema } from '#cart/contracts/shapes';
import { carriers } from '../domain/order';
import { returnReasons } from '../domain/after-sales';
import { SkuSchema } from '#catalog/contracts/sku';

/** Why goods come back: `withdrawal` is the 14-day right of withdrawal; the others say what is wrong with them. */
export const ReturnReasonSchema = /* @__PURE__ */ deferred(() => z.enum(returnReasons));

export const CheckoutBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    acceptTerms: z.optional(z.boolean()),
    termsVersion: z.optional(humanText({ maxLength: 40 })),
    digitalWithdrawalWaiver: z
      .optional(z.boolean())
      .check(
        z.describe('Required (true) when the cart holds digital goods: the buyer asks for immediate delivery and acknowledges losing the 14-day withdrawal right for them.'),
      ),
  })
  .check(
    z.meta({
      id: 'CheckoutBody',
      examples: [{ acceptTerms: true, termsVersion: '2026-01' }],
      description: 'The customer accepts the terms of sale of the given version (and, for digital goods, waives the withdrawal right for them).',
    }),
  ));

export const ShipmentSchema = /* @__PURE__ */ deferred(() => z
  .object({
    id: z.string(),
    carrier: z.enum(carriers),
    trackingNumber: z.string(),
    trackingUrl: z.string().check(z.describe('An https link to the carrier\'s tracking page for this parcel; empty for `other`.')),
    items: z.array(z.object({ sku: SkuSchema, quantity: z.number().check(z.int()) })),
    shippedAt: z.iso.datetime(),
    deliveredAt: z.optional(z.iso.datetime()),
  })
  .check(z.meta({ id: 'Shipment' })));

export const ReturnSchema = /* @__PURE__ */ deferred(() => z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(['requested', 'approved', 'rejected', 'received', 'refunded']),
    items: z.array(z.object({ sku: SkuSchema, quantity: z.number().check(z.int()), reason: z.string() })),
    rejectionReason: z.optional(z.string()),
    received: z.optional(z.array(z.object({ sku: SkuSchema, received: z.number().check(z.int()), damaged: z.number().check(z.int()) }))),
    refundDueBy: z.optional(z.iso.datetime()),
    createdAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Return' })));

export const RefundSchema = /* @__PURE__ */ deferred(() => z
  .object({
    id: z.string(),
    amount: MoneySchema,
    reason: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    createdAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Refund' })));

export const OrderLineSchema = /* @__PURE__ */ deferred(() => z
  .extend(CartLineSchema, {
    type: z.enum(['physical', 'digital']),
    /** Basis points: 2000 is 20 %. */
    taxRate: z.number().check(z.int(), z.describe('The VAT rate of the line in basis points: 2000 is 20 %, 550 is 5.5 % (documents give it in percent, as `vatRate`).')),
    tax: MoneySchema,
    discount: MoneySchema,
  })
  .check(z.meta({ id: 'OrderLine' })));

/**
 * An order as its customer reads it: exactly these fields. What the order item also holds stays
 * inside: the customer's user-pool id (`customerId`), the cart it came from, the VAT breakdown
 * (on the invoice instead), review flags and late-refund bookkeeping, each line's tax category.
 */
export const OrderSchema = /* @__PURE__ */ deferred(() => z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['pending_payment', 'paid', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded']),
    currency: CurrencySchema,
    items: z.array(OrderLineSchema),
    customer: z.object({ email: z.string(), locale: LocaleSchema, shippingAddress: z.optional(SentAddressSchema), billingAddress: z.optional(SentAddressSchema) }),
    promotions: z.array(z.string()),
    totals: TotalsSchema,
    pricesIncludeTax: z.boolean(),
    termsAcceptedAt: z.iso.datetime(),
    termsVersion: z.string(),
    digitalWithdrawalWaiverAt: z
      .optional(z.iso.datetime())
      .check(z.describe('When the buyer waived the withdrawal right for the digital goods (orders with digital goods).')),
    deliveredAt: z.optional(z.iso.datetime()).check(z.describe('When the last of the goods was delivered: the return window counts from it.')),
    refundDueBy: z.optional(z.iso.datetime()).check(z.describe('While a withdrawal is not refunded: the legal deadline of its refund (14 days from the notice).')),
    payment: z.object({
      provider: z.literal('stripe'),
      paymentIntentId: z.string(),
      status: z.enum(['requires_payment_method', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled']),
    }),
    invoiceNumber: z.nullable(z.string()).check(z.describe('Set once paid.')),
    paidAt: z.optional(z.iso.datetime()).check(z.describe('When the payment was recorded; set once paid.')),
    shipments: z.array(ShipmentSchema),
    returns: z.array(ReturnSchema),
    refunds: z.array(RefundSchema),
    paymentDueAt: z.iso.datetime().check(z.describe('An order still unpaid then is cancelled and its stock released.')),
    cancelledAt: z.optional(z.iso.datetime()),
    cancellationReason: z.optional(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Order' })));

export const CheckoutResultSchema = /* @__PURE__ */ deferred(() => z
  .object({
    order: OrderSchema,
    orderToken: z.string(),
    payment: z.object({ provider: z.literal('stripe'), paymentIntentId: z.string(), clientSecret: z.string() }),
  })
  .check(z.meta({ id: 'CheckoutResult' })));

export const OrderPageSchema = /* @__PURE__ */ deferred(() => pageOf(OrderSchema, 'OrderPage'));
export const MyOrdersQuerySchema = /* @__PURE__ */ deferred(() => z.strictObject({ ...CursorQuerySchema }));
