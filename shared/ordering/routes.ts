import { CheckoutBodySchema, CheckoutResultSchema, MyOrdersQuerySchema, OrderPageSchema, OrderSchema } from './contracts/http';
import { OrderIdParamsSchema } from './contracts/params';
import { CartIdParamsSchema } from '#cart/contracts/shapes';
import { AdminOrdersQuerySchema, SalesReportQuerySchema, SalesReportSchema } from './contracts/admin-http';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The ordering context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const checkoutRoutes = {
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
} as const satisfies Record<string, RouteSpec>;

export const ordersRoutes = {
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
  'GET /admin/reports/sales': {
    function: 'orders',
    auth: 'admin',
    summary: "Sales day by day (the shop's calendar, Paris): orders paid, units, revenue and refunds, with totals and the top products",
    query: SalesReportQuerySchema,
    response: { status: 200, schema: SalesReportSchema },
  },
} as const satisfies Record<string, RouteSpec>;
