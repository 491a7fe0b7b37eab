import * as z from 'zod';

export const CurrencySchema = z.enum(['EUR', 'USD', 'GBP']).meta({ id: 'Currency' });

export const MoneySchema = z
  .strictObject({
    amount: z.number().int().min(0).max(100_000_000),
    currency: CurrencySchema,
  })
  .meta({ id: 'Money', description: 'An integer count of minor units (cents) and an ISO 4217 currency.' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const CursorQuerySchema = {
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const HealthSchema = z.object({ status: z.literal('ok') });

export const OpenApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument' });
