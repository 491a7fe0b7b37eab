import * as z from 'zod';
import { defineEvent } from './define';

export const StockChanged = defineEvent({
  name: 'StockChanged',
  source: 'commerce.inventory',
  version: 1,
  description:
    'The sellable stock of a physical product changed (admin adjustment, order reserved or released). `low` is true at or under the low-stock threshold.',
  schema: z.object({
    sku: z.string(),
    previous: z.number().int(),
    available: z.number().int(),
    reason: z.enum(['adjustment', 'order_placed', 'order_cancelled', 'return_received']),
    low: z.boolean(),
  }),
});
