import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { EventMoneySchema } from '#kernel/events';

const addressSchema = /* @__PURE__ */ deferred(() => z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.optional(z.string()),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.optional(z.string()),
}));

/** A parcel as events carry it: carrier, tracking and the units in it. */
export const shipmentSnapshotSchema = /* @__PURE__ */ deferred(() => z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().check(z.int()) })),
  shippedAt: z.string(),
  deliveredAt: z.optional(z.string()),
}));

/** The whole order as events carry it, so a consumer never has to call the API back. */
export const orderSnapshotSchema = /* @__PURE__ */ deferred(() => z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  currency: z.string(),
  items: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      type: z.enum(['physical', 'digital']),
      quantity: z.number().check(z.int()),
      unitPrice: EventMoneySchema,
      lineTotal: EventMoneySchema,
      discount: EventMoneySchema,
      taxRate: z.number().check(z.int(), z.describe('The VAT rate of the line in basis points: 2000 is 20 %, 550 is 5.5 % (documents give it in percent, as `vatRate`).')),
      tax: EventMoneySchema,
    }),
  ),
  customer: z.object({ email: z.string(), locale: z.enum(['fr', 'en']), shippingAddress: z.optional(addressSchema), billingAddress: z.optional(addressSchema) }),
  customerId: z.optional(z.string()),
  promotions: z.array(z.string()),
  totals: z.object({
    subtotal: EventMoneySchema,
    discount: EventMoneySchema,
    shipping: EventMoneySchema,
    tax: EventMoneySchema,
    total: EventMoneySchema,
  }),
  pricesIncludeTax: z.boolean(),
  // Added in place (version 1): events published before it have none.
  taxBreakdown: z.optional(
    z
      .array(
        z.object({
          rate: z.number().check(z.int()),
          base: EventMoneySchema,
          tax: EventMoneySchema,
          shipping: z.object({ base: EventMoneySchema, tax: EventMoneySchema }),
        }),
      )
      .check(
        z.describe(
          "VAT per rate, as the invoice states it: `rate` in basis points (2000 = 20 %), `base` without VAT and `tax`; of them, `shipping` is the delivery's part (the delivery bears the rates of the goods it delivers).",
        ),
      ),
  ),
  termsAcceptedAt: z.string(),
  termsVersion: z.string(),
  payment: z.object({ provider: z.literal('stripe'), paymentIntentId: z.string(), status: z.string() }),
  invoiceNumber: z.nullable(z.string()),
  digitalWithdrawalWaiverAt: z.optional(z.string()),
  shipments: z.array(shipmentSnapshotSchema),
  deliveredAt: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
}));
