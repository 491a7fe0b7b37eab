import { StockLow } from '#catalog/contracts/events';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from '#fulfillment/contracts/events';
import { OrderPaid } from '#ordering/contracts/events';
import { RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from '#returns/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';
import { notificationsFunctions } from './functions';

/** Emails to people about what happened: customers about their orders and returns, the shop about its stock and refunds. */
export const notificationsWiring = {
  functions: notificationsFunctions,
  routes: {},
  queues: {
    notifications: {
      worker: 'notifications',
      description: 'Facts someone is emailed about: paid, shipped, delivered, downloads ready, stock low, returns and refunds',
      consumes: [OrderPaid, OrderShipped, OrderDelivered, DigitalGoodsDelivered, StockLow, ReturnRequested, ReturnApproved, ReturnRejected, ReturnReceived, RefundIssued, RefundFailed, RefundOverdue],
      // Six times the worker's 30 s and its 1 s batching window, as AWS advises for SQS triggers;
      // longer than an email's lease (LEASE_SECONDS) too.
      visibilityTimeoutSeconds: 190,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
    },
  },
  schedules: {},
  events: [],
} as const satisfies ContextWiring;
