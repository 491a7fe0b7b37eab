import { OrderPaid } from '#ordering/contracts/events';
import { OrderSchema, ShipmentSchema } from '#ordering/contracts/http';
import { OrderIdParamsSchema } from '#ordering/contracts/params';
import type { ContextWiring } from '#runtime/wiring-spec';
import { fulfillmentFunctions } from './functions';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from './contracts/events';
import { CreateShipmentBodySchema, DownloadsSchema, ShipmentParamsSchema } from './contracts/http';

/** Getting goods to the customer: parcels and their tracking, deliveries, digital downloads. */
export const fulfillmentWiring = {
  functions: fulfillmentFunctions,
  routes: {
    'POST /admin/orders/{orderId}/shipments': {
      function: 'fulfillment',
      auth: 'admin',
      summary: 'Record a parcel sent (no items: everything not shipped yet); the customer is emailed its tracking',
      params: OrderIdParamsSchema,
      body: CreateShipmentBodySchema,
      response: { status: 201, schema: ShipmentSchema },
    },
    'POST /admin/orders/{orderId}/shipments/{shipmentId}/delivered': {
      function: 'fulfillment',
      auth: 'admin',
      summary: 'Record that a parcel reached the customer (again: nothing changes)',
      params: ShipmentParamsSchema,
      response: { status: 200, schema: OrderSchema },
    },
    'GET /orders/{orderId}/downloads': {
      function: 'downloads',
      auth: 'order',
      summary: 'Fresh, time-limited links to the digital goods of a paid order',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: DownloadsSchema },
    },
  },
  queues: {
    'digital-delivery': {
      worker: 'digital-delivery',
      description: 'Each paid order with digital goods, to deliver them',
      consumes: [OrderPaid],
      // Only orders with a digital line: the others would cost a message, an invocation and a
      // read each, for nothing (EventBridge matches a field inside an array of objects when any
      // element matches).
      filter: { detail: { data: { order: { items: { type: ['digital'] } } } } },
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {},
  events: [OrderShipped, OrderDelivered, DigitalGoodsDelivered],
} as const satisfies ContextWiring;
