import * as z from 'zod';

export const CurrencySchema = z.enum(['EUR', 'USD', 'GBP']).meta({ id: 'Currency' });

export const MoneySchema = z
  .strictObject({
    amount: z.number().int().min(0).max(100_000_000),
    currency: CurrencySchema,
  })
  .meta({ id: 'Money', description: 'An integer count of minor units (cents) and an ISO 4217 currency.' });

export const CursorQuerySchema = {
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
