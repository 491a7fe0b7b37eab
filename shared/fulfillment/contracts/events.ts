import * as z from 'zod/mini';
import { defineEvent } from '#kernel/events';
import { orderSnapshotSchema, shipmentSnapshotSchema } from '#ordering/contracts/order-snapshot';

/**
 * The facts about getting goods to the customer. Each carries the whole order (its customer's
 * email and locale included) and the parcel concerned, so that a consumer (the emails, a CRM, a
 * warehouse) never calls back: a well-known engine's shipment event lacks the email, and its users
 * have to look the order up for every parcel.
 */

export const OrderShipped = /* @__PURE__ */ (() => defineEvent({
  name: 'OrderShipped',
  source: 'commerce.fulfillment',
  version: 1,
  description: 'A parcel left the shop with its carrier and tracking number. `order.status` says whether more is to come (partially_shipped) or not (shipped).',
  schema: () => z.object({ order: orderSnapshotSchema, shipment: shipmentSnapshotSchema }),
}))();

export const OrderDelivered = /* @__PURE__ */ (() => defineEvent({
  name: 'OrderDelivered',
  source: 'commerce.fulfillment',
  version: 1,
  description: 'A parcel reached the customer. Once every parcel has, `order.deliveredAt` is set (the return window counts from it) and `order.status` is delivered, unless a refund holds (partially_refunded or refunded stays).',
  schema: () => z.object({ order: orderSnapshotSchema, shipment: shipmentSnapshotSchema }),
}))();

export const DigitalGoodsDelivered = /* @__PURE__ */ (() => defineEvent({
  name: 'DigitalGoodsDelivered',
  source: 'commerce.fulfillment',
  version: 1,
  description: 'The digital goods of a paid order can be downloaded (GET /orders/{orderId}/downloads); the customer is emailed their links. Once per order, even if its parcels shipped or a refund came first.',
  schema: () => z.object({
    order: orderSnapshotSchema,
    items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().check(z.int()) })),
  }),
}))();
