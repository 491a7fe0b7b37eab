import * as z from 'zod';
import { defineEvent } from './define';
import { OrderSnapshotSchema } from './order-snapshot';

export const OrderCancelled = defineEvent({
  name: 'OrderCancelled',
  source: 'commerce.orders',
  version: 1,
  description: 'An order was cancelled (unpaid in time, or by the shop) and its reserved stock released. Carries the full order.',
  schema: z.object({ order: OrderSnapshotSchema, reason: z.enum(['payment_expired', 'cancelled_by_shop']) }),
});
