import { OrderIdParamsSchema } from '#ordering/contracts/params';
import { InvoiceSchema, StripeEventBodySchema, WebhookAckSchema } from './contracts/http';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The payments context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const stripeWebhookRoutes = {
  'POST /webhooks/stripe': {
    function: 'stripe-webhook',
    auth: 'webhook',
    summary: "Stripe's webhook endpoint; the body must be exactly what Stripe signed",
    body: StripeEventBodySchema,
    rawBody: true,
    response: { status: 200, schema: WebhookAckSchema },
  },
} as const satisfies Record<string, RouteSpec>;

export const invoicesRoutes = {
  'GET /orders/{orderId}/invoice': {
    function: 'invoices',
    auth: 'order',
    summary: 'The invoice of a paid order (French legal mentions, VAT per rate)',
    params: OrderIdParamsSchema,
    response: { status: 200, schema: InvoiceSchema },
  },
  'GET /orders/{orderId}/invoice.pdf': {
    function: 'invoices',
    auth: 'order',
    // The order-confirmation email links here: a mail client opens the link without headers.
    tokenInQuery: true,
    summary: "The invoice of a paid order as an A4 PDF, in the customer's language; opens from an email link with `?token=`",
    params: OrderIdParamsSchema,
    response: { status: 200, contentType: 'application/pdf' },
  },
} as const satisfies Record<string, RouteSpec>;
