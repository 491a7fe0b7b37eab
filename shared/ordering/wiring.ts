import type { ContextWiring } from '#runtime/wiring-spec';
import { orderingFunctions } from './functions';
import { OrderCancelled, OrderPaid, OrderPlaced } from './contracts/events';
import { checkoutRoutes, ordersRoutes } from './routes';

/** Checkout, orders as customers and the back office see them, and the expiry of unpaid orders. */
export const orderingWiring = {
  functions: orderingFunctions,
  routes: { ...checkoutRoutes, ...ordersRoutes },
  queues: {},
  schedules: {
    'expire-unpaid-orders': {
      description: 'Cancel orders left unpaid past their payment deadline (30 minutes by default)',
      expression: 'rate(1 minute)',
      function: 'order-expiry',
    },
  },
  events: [OrderPlaced, OrderPaid, OrderCancelled],
} as const satisfies ContextWiring;
