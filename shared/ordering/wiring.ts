import type { ContextWiring } from '#runtime/wiring-spec';
import { orderingFunctions } from './functions';
import { OrderCancelled, OrderPaid, OrderPlaced } from './contracts/events';
import { UNPAID_ORDERS_EXPIRED_EVERY_MINUTES } from './domain/place-order';
import { checkoutRoutes, ordersRoutes } from './routes';

/** Checkout, orders as customers and the back office see them, and the expiry of unpaid orders. */
export const orderingWiring = {
  functions: orderingFunctions,
  routes: { ...checkoutRoutes, ...ordersRoutes },
  queues: {},
  schedules: {
    'expire-unpaid-orders': {
      description: 'Cancel orders left unpaid past their payment deadline (30 minutes by default)',
      expression: `rate(${UNPAID_ORDERS_EXPIRED_EVERY_MINUTES} minute)`,
      function: 'order-expiry',
    },
  },
  events: [OrderPlaced, OrderPaid, OrderCancelled],
} as const satisfies ContextWiring;
