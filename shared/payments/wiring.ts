import type { ContextWiring } from '#runtime/wiring-spec';
import { paymentsFunctions } from './functions';
import { ExternalRefundReported, PaymentCanceled, PaymentFailed, PaymentNeedsReview, PaymentRefundedLate, PaymentActionRequired, PaymentSucceeded, RefundStatusReported } from './contracts/events';
import { stripeWebhookRoutes, invoicesRoutes } from './routes';

/** Stripe's webhook, recording payments on orders, invoices, and reconciliation with Stripe. */
export const paymentsWiring = {
  functions: paymentsFunctions,
  routes: { ...stripeWebhookRoutes, ...invoicesRoutes },
  queues: {
    payments: {
      worker: 'payments',
      description: 'What Stripe said about a payment, to the payments worker',
      consumes: [PaymentSucceeded, PaymentFailed, PaymentActionRequired, PaymentCanceled],
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      // Every payment takes the next number of one counter item (a read, then a transaction that
      // fails if another took it first), so numbers are issued one at a time whatever the
      // concurrency: more workers only add failed attempts. Measured on DynamoDB Local (200
      // payments, records of a batch run in parallel): 25-37 paid/s from 1 to 10 contenders, with
      // 1.4 transactions per payment at 2 and 3.3 at 10; 17/s at 20, some giving up after 25
      // attempts; 11/s at 50, 1 in 10 giving up. Unbounded, Lambda would scale the pollers up
      // to that. Hence the fewest invocations Lambda allows (2), two records each: 4 contenders.
      batchSize: 2,
      maxBatchingWindowSeconds: 0,
      maxConcurrency: 2,
    },
  },
  schedules: {
    'reconcile-payments': {
      description: 'Repair orders left pending by a lost Stripe webhook',
      expression: 'rate(5 minutes)',
      function: 'payment-reconciliation',
    },
  },
  events: [PaymentSucceeded, PaymentFailed, PaymentActionRequired, PaymentCanceled, PaymentRefundedLate, PaymentNeedsReview, RefundStatusReported, ExternalRefundReported],
} as const satisfies ContextWiring;
