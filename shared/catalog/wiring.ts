import { OrderCancelled, OrderPlaced } from '#ordering/contracts/events';
import { ReturnReceived } from '#returns/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';
import { catalogFunctions } from './functions';
import { ProductUpdated, StockChanged, StockLow } from './contracts/events';
import { catalogRoutes, catalogAdminRoutes } from './routes';

/** The catalog: products, their stock, and what sales do to it. */
export const catalogWiring = {
  functions: catalogFunctions,
  routes: { ...catalogRoutes, ...catalogAdminRoutes },
  queues: {
    inventory: {
      worker: 'inventory',
      description: 'Each placed or cancelled order and received return, to the inventory worker that reports the stock it moved and notices low stock',
      consumes: [OrderPlaced, OrderCancelled, ReturnReceived],
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {},
  events: [ProductUpdated, StockChanged, StockLow],
} as const satisfies ContextWiring;
