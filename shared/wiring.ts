/**
 * The single source of truth for how the system is wired: HTTP routes, functions, queues,
 * event rules and schedules. `infra/aws` builds the CDK stack from it and `infra/local` builds
 * the local runtime from it; `test/infra` checks the synthesized template against it.
 * Typed data only: no handler code is imported here.
 */
import type * as z from 'zod';
import { HealthSchema, OpenApiDocumentSchema } from '#contracts/http/common';
import {
  ApplyPromotionBodySchema,
  CartIdParamsSchema,
  CartItemParamsSchema,
  CartPromotionParamsSchema,
  CartSchema,
  CreateCartBodySchema,
  CreatedCartSchema,
  SetCustomerBodySchema,
  SetItemBodySchema,
} from '#contracts/http/cart';
import {
  CheckoutBodySchema,
  CheckoutResultSchema,
  MyOrdersQuerySchema,
  OrderIdParamsSchema,
  OrderPageSchema,
  OrderSchema,
  InvoiceSchema,
  StripeEventBodySchema,
  WebhookAckSchema,
} from '#contracts/http/order';
import { PromotionCodeParamsSchema, PromotionSchema, PutPromotionBodySchema } from '#contracts/http/promotion';
import {
  ListProductsQuerySchema,
  ProductPageSchema,
  ProductSchema,
  PutProductBodySchema,
  SkuParamsSchema,
  StockBodySchema,
  StockLevelSchema,
} from '#contracts/http/product';

/** What a function may touch; the CDK stack turns each into a least-privilege grant. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'idempotency'
  | 'bus:publish'
  | 'email:send'
  | 'stripe:secret'
  /** Verify customers' bearer tokens in the function (routes readable with a token or signed in). */
  | 'identity:verify';

/**
 * The environment variables each grant brings. The CDK stack sets them from the resources it
 * creates; the local runtime sets them to its local stand-ins.
 */
export const grantEnvironment = {
  'table:read': ['TABLE_NAME'],
  'table:write': ['TABLE_NAME'],
  idempotency: ['IDEMPOTENCY_TABLE_NAME'],
  'bus:publish': ['EVENT_BUS_NAME'],
  'email:send': ['SHOP_EMAIL', 'MAIL_FROM'],
  // In AWS the keys are read from Secrets Manager at cold start (`STRIPE_SECRET_ARN`); locally
  // `STRIPE_SECRET_KEY` / `STRIPE_WEBHOOK_SECRET` and the emulator's address are set instead.
  'stripe:secret': ['STRIPE_SECRET_ARN'],
  'identity:verify': ['JWT_ISSUER', 'JWT_AUDIENCE'],
} as const satisfies Record<Grant, readonly string[]>;

export interface FunctionSpec {
  kind: 'http' | 'worker' | 'scheduled';
  description: string;
  grants: readonly Grant[];
  memoryMB?: number;
  timeoutSeconds?: number;
}

export const functions = {
  catalog: {
    kind: 'http',
    description: 'Public catalog, health and the OpenAPI document',
    grants: ['table:read'],
  },
  carts: {
    kind: 'http',
    description: 'Carts: lines, customer details, promotion codes, priced by the server',
    grants: ['table:read', 'table:write'],
  },
  checkout: {
    kind: 'http',
    description: 'Turns a cart into an order with its stock reserved and a PaymentIntent',
    grants: ['table:read', 'table:write', 'idempotency', 'bus:publish', 'stripe:secret'],
    timeoutSeconds: 15,
  },
  orders: {
    kind: 'http',
    description: 'Orders as their customers see them',
    grants: ['table:read', 'identity:verify'],
  },
  admin: {
    kind: 'http',
    description: 'Back office: products, stock and promotions',
    grants: ['table:read', 'table:write', 'bus:publish'],
  },
  'order-expiry': {
    kind: 'scheduled',
    description: 'Cancels unpaid orders past their payment deadline and releases their stock',
    grants: ['table:read', 'table:write', 'bus:publish', 'stripe:secret'],
    timeoutSeconds: 60,
  },
  'stripe-webhook': {
    kind: 'http',
    description: "Verifies Stripe's webhooks and publishes them as payment events",
    grants: ['bus:publish', 'stripe:secret'],
  },
  payments: {
    kind: 'worker',
    description: 'Marks orders paid (invoice number, stock committed), or shows why not',
    grants: ['table:read', 'table:write', 'bus:publish', 'stripe:secret'],
    timeoutSeconds: 30,
  },
  'payment-reconciliation': {
    kind: 'scheduled',
    description: 'Compares orders still pending with Stripe and repairs what a lost webhook left',
    grants: ['table:read', 'table:write', 'bus:publish', 'stripe:secret'],
    timeoutSeconds: 120,
  },
  inventory: {
    kind: 'worker',
    description: 'Reports the stock each placed order took, so low stock is noticed as sales happen',
    grants: ['table:read', 'table:write', 'bus:publish'],
  },
  notifications: {
    kind: 'worker',
    description: 'Emails people about what happened (low stock for now)',
    grants: ['table:read', 'table:write', 'email:send'],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/**
 * Who may call a route. `public`: anyone. `cart` / `order`: whoever holds the secret token of
 * that cart or order (checked by the use case; a wrong token is a 404); an `order` route also
 * accepts the signed-in customer who placed it (bearer token checked in the function, since the
 * gateway's authorizer cannot be optional). `customer` / `admin`:
 * a JWT from the user pool, checked by the API Gateway authorizer; `admin` also needs the
 * `admin` group (checked in the function, since the authorizer cannot read groups).
 * `webhook`: a signed request from Stripe, checked by the function.
 */
export type Auth = 'public' | 'cart' | 'order' | 'customer' | 'admin' | 'webhook';

export interface RouteSpec {
  function: FunctionName;
  auth: Auth;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and the schema of its body. */
  response: { status: number; schema: z.ZodType };
  /** Requests must carry an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Hand the body to the function untouched (signature checks need the exact bytes). */
  rawBody?: boolean;
}

export const routes = {
  'GET /health': {
    function: 'catalog',
    auth: 'public',
    summary: 'Liveness check',
    response: { status: 200, schema: HealthSchema },
  },
  'GET /openapi.json': {
    function: 'catalog',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    response: { status: 200, schema: OpenApiDocumentSchema },
  },
  'GET /products': {
    function: 'catalog',
    auth: 'public',
    summary: 'List products, optionally in one category',
    query: ListProductsQuerySchema,
    response: { status: 200, schema: ProductPageSchema },
  },
  'GET /products/{sku}': {
    function: 'catalog',
    auth: 'public',
    summary: 'One product',
    params: SkuParamsSchema,
    response: { status: 200, schema: ProductSchema },
  },
  'POST /carts': {
    function: 'carts',
    auth: 'public',
    summary: 'Open an anonymous cart; keep its token, every later call needs it in X-Cart-Token',
    body: CreateCartBodySchema,
    response: { status: 201, schema: CreatedCartSchema },
  },
  'GET /carts/{cartId}': {
    function: 'carts',
    auth: 'cart',
    summary: 'The cart, priced by the server',
    params: CartIdParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'PUT /carts/{cartId}/items/{sku}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Set the quantity of a product (0 removes it)',
    params: CartItemParamsSchema,
    body: SetItemBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'DELETE /carts/{cartId}/items/{sku}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Remove a product from the cart',
    params: CartItemParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'PUT /carts/{cartId}/customer': {
    function: 'carts',
    auth: 'cart',
    summary: 'Set the email and the shipping and billing addresses',
    params: CartIdParamsSchema,
    body: SetCustomerBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'POST /carts/{cartId}/promotions': {
    function: 'carts',
    auth: 'cart',
    summary: 'Apply a promotion code',
    params: CartIdParamsSchema,
    body: ApplyPromotionBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'DELETE /carts/{cartId}/promotions/{code}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Remove a promotion code',
    params: CartPromotionParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'POST /carts/{cartId}/claim': {
    function: 'carts',
    auth: 'customer',
    summary: 'The signed-in customer takes over an anonymous cart (X-Cart-Token still required)',
    params: CartIdParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'POST /carts/{cartId}/checkout': {
    function: 'checkout',
    auth: 'cart',
    summary: 'Place the order: stock reserved, PaymentIntent created; pay with its client secret',
    params: CartIdParamsSchema,
    body: CheckoutBodySchema,
    idempotent: true,
    response: { status: 201, schema: CheckoutResultSchema },
  },
  'GET /orders/{orderId}': {
    function: 'orders',
    auth: 'order',
    summary: 'One order, with the X-Order-Token returned at checkout or as the signed-in customer who placed it',
    params: OrderIdParamsSchema,
    response: { status: 200, schema: OrderSchema },
  },
  'GET /orders/{orderId}/invoice': {
    function: 'orders',
    auth: 'order',
    summary: 'The invoice of a paid order (French legal mentions, VAT per rate)',
    params: OrderIdParamsSchema,
    response: { status: 200, schema: InvoiceSchema },
  },
  'POST /webhooks/stripe': {
    function: 'stripe-webhook',
    auth: 'webhook',
    summary: "Stripe's webhook endpoint; the body must be exactly what Stripe signed",
    body: StripeEventBodySchema,
    rawBody: true,
    response: { status: 200, schema: WebhookAckSchema },
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
  'PUT /admin/promotions/{code}': {
    function: 'admin',
    auth: 'admin',
    summary: 'Create or update a promotion code',
    params: PromotionCodeParamsSchema,
    body: PutPromotionBodySchema,
    response: { status: 200, schema: PromotionSchema },
  },
  'PUT /admin/products/{sku}': {
    function: 'admin',
    auth: 'admin',
    summary: 'Create or update a product',
    params: SkuParamsSchema,
    body: PutProductBodySchema,
    response: { status: 200, schema: ProductSchema },
  },
  'POST /admin/products/{sku}/stock': {
    function: 'admin',
    auth: 'admin',
    summary: 'Adjust (`delta`) or set (`set`) the stock of a physical product',
    params: SkuParamsSchema,
    body: StockBodySchema,
    response: { status: 200, schema: StockLevelSchema },
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof routes;

export interface QueueSpec {
  worker: FunctionName;
  /** Longer than the worker's timeout, as Lambda requires. */
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the DLQ. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
}

export const queues = {
  payments: {
    worker: 'payments',
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
  },
  inventory: {
    worker: 'inventory',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
  },
  notifications: {
    worker: 'notifications',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;

/** An EventBridge event pattern (the subset of its syntax the local bus implements). */
export type EventPattern = { [field: string]: EventPattern | readonly PatternValue[] };
export type PatternValue =
  | string
  | number
  | boolean
  | null
  | { prefix: string }
  | { 'anything-but': string | number | readonly (string | number)[] }
  | { numeric: readonly (string | number)[] }
  | { exists: boolean };

export interface RuleSpec {
  description: string;
  pattern: EventPattern;
  queue: QueueName;
}

export const rules = {
  'payment-events': {
    description: 'What Stripe said about a payment, to the payments worker',
    pattern: {
      source: ['commerce.payments'],
      'detail-type': ['PaymentSucceeded', 'PaymentFailed', 'PaymentRequiresAction', 'PaymentCanceled'],
    },
    queue: 'payments',
  },
  'orders-placed': {
    description: "Each placed order, to the inventory worker that reports the stock it took",
    pattern: { source: ['commerce.orders'], 'detail-type': ['OrderPlaced'] },
    queue: 'inventory',
  },
  'stock-low': {
    description: 'Tell the shop when a product is running out',
    pattern: { source: ['commerce.inventory'], 'detail-type': ['StockChanged'], detail: { data: { low: [true] } } },
    queue: 'notifications',
  },
} as const satisfies Record<string, RuleSpec>;

export interface ScheduleSpec {
  description: string;
  /** EventBridge Scheduler expression; the local scheduler reads `rate(N minute[s])`. */
  expression: string;
  function: FunctionName;
}

export const schedules = {
  'expire-unpaid-orders': {
    description: 'Cancel orders left unpaid past their payment deadline (30 minutes by default)',
    expression: 'rate(1 minute)',
    function: 'order-expiry',
  },
  'reconcile-payments': {
    description: 'Repair orders left pending by a lost Stripe webhook',
    expression: 'rate(5 minutes)',
    function: 'payment-reconciliation',
  },
} as const satisfies Record<string, ScheduleSpec>;

export const busName = 'commerce';
