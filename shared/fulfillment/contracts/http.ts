import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { SkuSchema } from '#catalog/contracts/sku';
import { ShipmentSchema } from '#ordering/contracts/http';
import { normalizeTrackingNumber } from '../domain/carriers';

const ShipmentIdSchema = /* @__PURE__ */ deferred(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not a shipment id')));

export const ShipmentParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({
  orderId: z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not an order id')),
  shipmentId: ShipmentIdSchema,
}));

export const CreateShipmentBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    carrier: ShipmentSchema.shape.carrier,
    trackingNumber: z.string().check(
      z.trim(),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9 -]{3,39}$/, 'is 4 to 40 letters, digits, spaces or dashes'),
      // What is stored and tracked is the number without its spaces and dashes: it holds the rule too.
      z.refine((n) => normalizeTrackingNumber(n).length >= 4, 'has at least 4 letters or digits besides its spaces and dashes'),
    ),
    items: z
      .optional(
        z
          .array(z.strictObject({ sku: SkuSchema, quantity: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)) }))
          .check(z.minLength(1), z.maxLength(100)),
      )
      .check(z.describe('The units in this parcel; without it, everything not shipped yet.')),
  })
  .check(
    z.meta({
      id: 'CreateShipmentBody',
      examples: [{ carrier: 'colissimo', trackingNumber: '6A12345678901', items: [{ sku: 'TSHIRT-M', quantity: 1 }] }],
    }),
  ));

export const DownloadsSchema = /* @__PURE__ */ deferred(() => z
  .object({
    items: z.array(
      z.object({
        sku: SkuSchema,
        url: z.string().check(z.describe('Works without other credentials until `expiresAt`; a changed link is refused (403).')),
        expiresAt: z.iso.datetime(),
      }),
    ),
  })
  .check(z.meta({ id: 'Downloads' })));
