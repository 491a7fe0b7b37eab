import type { ContextWiring } from '#runtime/wiring-spec';
import { OrderCancelled, OrderPaid, OrderPlaced } from './contracts/events';
import { CheckoutBodySchema, CheckoutResultSchema, MyOrdersQuerySchema, OrderIdParamsSchema, OrderPageSchema, OrderSchema } from './contracts/http';
import { CartIdParamsSchema } from '#cart/contracts/http';
import { AdminOrdersQuerySchema } from './contracts/admin-http';

/** Checkout, orders as customers and the back office see them, and the expiry of unpaid orders. */
export const orderingWiring = {
  functions: {
    checkout: {
      kind: 'http',
      description: 'Turns a cart into an order with its stock reserved and a PaymentIntent',
      grants: ['table:read', 'table:write', 'idempotency', 'stripe:secret', 'signing:secret'],
      timeoutSeconds: 15,
      // One transaction: the order and its number's pointer, its stock, the cart closed, the
      // promotions counted, its own rate-limit counters; and the order-number counter. It checks
      // products' prices but reads no other order.
      tableKeys: {
        read: ['CART#*', 'PRODUCT#*'],
        // The shop's settings (terms, prices with tax), through Powertools' cached provider.
        query: { table: ['SETTINGS'] },
        write: ['ORDER#*', 'ORDER_NUMBER#*', 'PRODUCT#*', 'CART#*', 'PROMOTION#*', 'COUNTER#order#*', 'RATE#checkout-per-ip#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'RATE#checkout-failures-per-ip#*', 'OUTBOX#*'],
      },
    },
    orders: {
      kind: 'http',
      description: 'Orders as their customers see them, and the back office finds them',
      grants: ['table:read', 'identity:verify', 'signing:secret'],
      // Orders by id or by number's pointer; one customer's orders on GSI1, by email on GSI3, by
      // status on GSI4: no product, cart or counter.
      tableKeys: {
        read: ['ORDER#*', 'ORDER_NUMBER#*'],
        query: { GSI1: ['CUSTOMER#*'], GSI3: ['ORDER_EMAIL#*'], GSI4: ['ORDER_STATUS#*'] },
      },
    },
    'order-expiry': {
      kind: 'scheduled',
      description: 'Cancels unpaid orders past their payment deadline and releases their stock',
      grants: ['table:read', 'table:write', 'stripe:secret'],
      timeoutSeconds: 60,
      // Only the pending orders' partition of the status index.
      tableKeys: { read: ['ORDER#*', 'PRODUCT#*'], write: ['ORDER#*', 'PRODUCT#*', 'RATE#unpaid-per-ip#*', 'RATE#unpaid-per-email#*', 'OUTBOX#*'], query: { GSI4: ['ORDER_STATUS#pending_payment'] } },
    },
  },
  routes: {
    'POST /carts/{cartId}/checkout': {
      function: 'checkout',
      auth: 'cart',
      summary: 'Place the order: stock reserved, PaymentIntent created; pay with its client secret',
      params: CartIdParamsSchema,
      body: CheckoutBodySchema,
      idempotent: true,
      response: { status: 201, schema: CheckoutResultSchema },
      // Each checkout creates a Stripe PaymentIntent, an endpoint Stripe limits to 25 requests a
      // second per account: the burst stays at that, the rate leaves room for the expiry and
      // reconciliation jobs' calls. Also bounds card testing from many addresses at once.
      throttle: { rateLimit: 20, burstLimit: 25 },
    },
    'GET /orders/{orderId}': {
      function: 'orders',
      auth: 'order',
      summary: 'One order, with the X-Order-Token returned at checkout or as the signed-in customer who placed it',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: OrderSchema },
    },
    'GET /me/orders': {
      function: 'orders',
      auth: 'customer',
      summary: "The signed-in customer's orders, newest first",
      query: MyOrdersQuerySchema,
      response: { status: 200, schema: OrderPageSchema },
    },
    'GET /me/orders/{orderId}': {
      function: 'orders',
      auth: 'customer',
      summary: 'One order of the signed-in customer',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: OrderSchema },
    },
    'GET /admin/orders': {
      function: 'orders',
      auth: 'admin',
      summary: 'Orders, newest first: of one status, one order number, or one customer email',
      query: AdminOrdersQuerySchema,
      response: { status: 200, schema: OrderPageSchema },
    },
    'GET /admin/orders/{orderId}': {
      function: 'orders',
      auth: 'admin',
      summary: 'One order, whoever placed it',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: OrderSchema },
    },
  },
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
