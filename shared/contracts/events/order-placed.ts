import * as z from 'zod';
import { defineEvent } from './define';
import { OrderSnapshotSchema } from './order-snapshot';

export const OrderPlaced = defineEvent({
  name: 'OrderPlaced',
  source: 'commerce.orders',
  version: 1,
  description: 'A cart was checked out: the order exists, its stock is reserved, its payment is awaited. Carries the full order.',
  schema: z.object({ order: OrderSnapshotSchema }),
});
