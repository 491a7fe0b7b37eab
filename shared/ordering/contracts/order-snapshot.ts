import * as z from 'zod';
import { EventMoneySchema } from '#kernel/events';

const AddressSchema = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string().optional(),
});

/** A parcel as events carry it: carrier, tracking and the units in it. */
export const ShipmentSnapshotSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  shippedAt: z.string(),
  deliveredAt: z.string().optional(),
});

/** The whole order as events carry it, so a consumer never has to call the API back. */
export const OrderSnapshotSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  currency: z.string(),
  items: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      type: z.enum(['physical', 'digital']),
      quantity: z.number().int(),
      unitPrice: EventMoneySchema,
      lineTotal: EventMoneySchema,
      discount: EventMoneySchema,
      taxRate: z.number().int(),
      tax: EventMoneySchema,
    }),
  ),
  customer: z.object({ email: z.string(), locale: z.enum(['fr', 'en']), shippingAddress: AddressSchema.optional(), billingAddress: AddressSchema.optional() }),
  customerId: z.string().optional(),
  promotions: z.array(z.string()),
  totals: z.object({
    subtotal: EventMoneySchema,
    discount: EventMoneySchema,
    shipping: EventMoneySchema,
    tax: EventMoneySchema,
    total: EventMoneySchema,
  }),
  pricesIncludeTax: z.boolean(),
  termsAcceptedAt: z.string(),
  termsVersion: z.string(),
  payment: z.object({ provider: z.literal('stripe'), paymentIntentId: z.string(), status: z.string() }),
  invoiceNumber: z.string().nullable(),
  digitalWithdrawalWaiverAt: z.string().optional(),
  shipments: z.array(ShipmentSnapshotSchema),
  deliveredAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
