import * as z from 'zod';

export const CurrencySchema = z.enum(['EUR', 'USD', 'GBP']).meta({ id: 'Currency' });

/** Money as the server computes it: totals of many lines may be large, never fractional. */
export const MoneySchema = z
  .strictObject({
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: CurrencySchema,
  })
  .meta({ id: 'Money', description: 'An integer count of minor units (cents) and an ISO 4217 currency.' });

/** A price an admin sets: at most 999 999.99, the most Stripe charges in one payment. */
export const PriceSchema = z
  .strictObject({
    amount: z.number().int().min(0).max(99_999_999),
    currency: CurrencySchema,
  })
  .meta({ id: 'Price', description: 'A price set by the shop, in integer minor units: at most 99 999 999 (what Stripe charges at most).' });

export const CursorQuerySchema = {
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
