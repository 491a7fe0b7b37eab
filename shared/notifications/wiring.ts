import { StockChanged } from '#catalog/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';

/** Emails to people about what happened. */
export const notificationsWiring = {
  functions: {
    notifications: {
      kind: 'worker',
      description: 'Emails people about what happened (low stock for now)',
      grants: ['table:read', 'table:write', 'email:send'],
      // Only its claims on the events it handled: the email carries what it needs.
      tableKeys: { write: ['EVENT#*'] },
    },
  },
  routes: {},
  queues: {
    notifications: {
      worker: 'notifications',
      description: 'Tell the shop when a product is running out',
      consumes: [StockChanged],
      filter: { detail: { data: { low: [true] } } },
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
    },
  },
  schedules: {},
  events: [],
} as const satisfies ContextWiring;
