import { OrderPaid } from '#ordering/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';
import { fulfillmentFunctions } from './functions';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from './contracts/events';
import { fulfillmentRoutes, downloadsRoutes } from './routes';

/** Getting goods to the customer: parcels and their tracking, deliveries, digital downloads. */
export const fulfillmentWiring = {
  functions: fulfillmentFunctions,
  routes: { ...fulfillmentRoutes, ...downloadsRoutes },
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
