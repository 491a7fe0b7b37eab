import * as z from 'zod';
import { SkuSchema } from '#catalog/contracts/sku';
import { ShipmentSchema } from '#ordering/contracts/http';

const ShipmentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not a shipment id');

export const ShipmentParamsSchema = z.strictObject({
  orderId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not an order id'),
  shipmentId: ShipmentIdSchema,
});

export const CreateShipmentBodySchema = z
  .strictObject({
    carrier: ShipmentSchema.shape.carrier,
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{3,39}$/, 'is 4 to 40 letters, digits, spaces or dashes'),
    items: z
      .array(z.strictObject({ sku: SkuSchema, quantity: z.number().int().min(1).max(10_000) }))
      .min(1)
      .max(100)
      .optional()
      .describe('The units in this parcel; without it, everything not shipped yet.'),
  })
  .meta({
    id: 'CreateShipmentBody',
    examples: [{ carrier: 'colissimo', trackingNumber: '6A12345678901', items: [{ sku: 'TSHIRT-M', quantity: 1 }] }],
  });

export const DownloadsSchema = z
  .object({
    items: z.array(
      z.object({
        sku: SkuSchema,
        url: z.string().describe('Works without other credentials until `expiresAt`; a changed link is refused (403).'),
        expiresAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'Downloads' });
