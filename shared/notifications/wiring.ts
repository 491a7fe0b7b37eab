import { StockLow } from '#catalog/contracts/events';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from '#fulfillment/contracts/events';
import { OrderPaid } from '#ordering/contracts/events';
import { RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from '#returns/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';

/** Emails to people about what happened: customers about their orders and returns, the shop about its stock and refunds. */
export const notificationsWiring = {
  functions: {
    notifications: {
      kind: 'worker',
      description: 'Emails customers about their orders and returns, and the shop about its stock and refunds, each email once per fact',
      // The signing key makes the invoice link's order token; `downloads:sign` the download links.
      grants: ['table:read', 'table:write', 'email:send', 'signing:secret', 'downloads:sign'],
      // Below the lease on an email (`LEASE_SECONDS`, 60 s): a copy stopped by its timeout has let go before another takes over.
      timeoutSeconds: 30,
      // Events carry the order: only the memory of sent emails, and the settings (sender, links).
      tableKeys: { write: ['EMAIL#*'], query: { table: ['SETTINGS'] } },
    },
  },
  routes: {},
  queues: {
    notifications: {
      worker: 'notifications',
      description: 'Facts someone is emailed about: paid, shipped, delivered, downloads ready, stock low, returns and refunds',
      consumes: [OrderPaid, OrderShipped, OrderDelivered, DigitalGoodsDelivered, StockLow, ReturnRequested, ReturnApproved, ReturnRejected, ReturnReceived, RefundIssued, RefundFailed, RefundOverdue],
      visibilityTimeoutSeconds: 90,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
    },
  },
  schedules: {},
  events: [],
} as const satisfies ContextWiring;
