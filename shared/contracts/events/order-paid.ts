import * as z from 'zod';
import { defineEvent } from './define';
import { OrderSnapshotSchema } from './order-snapshot';

export const OrderPaid = defineEvent({
  name: 'OrderPaid',
  source: 'commerce.orders',
  version: 1,
  description: 'The order is paid: its stock is committed and its invoice number issued. Carries the full order.',
  schema: z.object({ order: OrderSnapshotSchema.extend({ invoiceNumber: z.string(), paidAt: z.string() }) }),
});
