import { OrderIdParamsSchema } from '#ordering/contracts/http';
import type { ContextWiring } from '#runtime/wiring-spec';
import {
  PaymentCanceled,
  PaymentFailed,
  PaymentNeedsReview,
  PaymentRefundedLate,
  PaymentRequiresAction,
  PaymentSucceeded,
} from './contracts/events';
import { InvoiceSchema, StripeEventBodySchema, WebhookAckSchema } from './contracts/http';

/** Stripe's webhook, recording payments on orders, invoices, and reconciliation with Stripe. */
export const paymentsWiring = {
  functions: {
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
    invoices: {
      kind: 'http',
      description: 'Invoices of paid orders, for whoever may read the order',
      grants: ['table:read', 'identity:verify', 'shop:settings', 'signing:secret'],
    },
  },
  routes: {
    'POST /webhooks/stripe': {
      function: 'stripe-webhook',
      auth: 'webhook',
      summary: "Stripe's webhook endpoint; the body must be exactly what Stripe signed",
      body: StripeEventBodySchema,
      rawBody: true,
      response: { status: 200, schema: WebhookAckSchema },
    },
    'GET /orders/{orderId}/invoice': {
      function: 'invoices',
      auth: 'order',
      summary: 'The invoice of a paid order (French legal mentions, VAT per rate)',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: InvoiceSchema },
    },
  },
  queues: {
    payments: {
      worker: 'payments',
      description: 'What Stripe said about a payment, to the payments worker',
      consumes: [PaymentSucceeded, PaymentFailed, PaymentRequiresAction, PaymentCanceled],
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {
    'reconcile-payments': {
      description: 'Repair orders left pending by a lost Stripe webhook',
      expression: 'rate(5 minutes)',
      function: 'payment-reconciliation',
    },
  },
  events: [PaymentSucceeded, PaymentFailed, PaymentRequiresAction, PaymentCanceled, PaymentRefundedLate, PaymentNeedsReview],
} as const satisfies ContextWiring;
