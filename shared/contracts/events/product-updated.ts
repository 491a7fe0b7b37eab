import * as z from 'zod';
import { defineEvent } from './define';
import { EventMoneySchema } from './money';

export const ProductUpdated = defineEvent({
  name: 'ProductUpdated',
  source: 'commerce.catalog',
  version: 1,
  description: 'A product was created or its details changed. Carries the whole product.',
  schema: z.object({
    product: z.object({
      sku: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.enum(['physical', 'digital']),
      price: EventMoneySchema,
      taxCategory: z.string(),
      category: z.string(),
      available: z.number().int().optional(),
      updatedAt: z.string(),
    }),
    created: z.boolean(),
  }),
});
