import * as z from 'zod/mini';
import { deferred } from './deferred';

export const CurrencySchema = /* @__PURE__ */ deferred(() => z.enum(['EUR', 'USD', 'GBP']).check(z.meta({ id: 'Currency' })));

/** Money as the server computes it: totals of many lines may be large, never fractional. */
export const MoneySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    amount: z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
    currency: CurrencySchema,
  })
  .check(z.meta({ id: 'Money', description: 'An integer count of minor units (cents) and an ISO 4217 currency.' })));

/** A price an admin sets: at most 999 999.99, the most Stripe charges in one payment. */
export const PriceSchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    amount: z.number().check(z.int(), z.minimum(0), z.maximum(99_999_999)),
    currency: CurrencySchema,
  })
  .check(z.meta({ id: 'Price', description: 'A price set by the shop, in integer minor units: at most 99 999 999 (what Stripe charges at most).' })));

/** The fields of a listing's query, spread into its schema. */
export const CursorQuerySchema = /* @__PURE__ */ deferred(() => ({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
}));

export const pageOf = <T extends z.ZodMiniType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) }).check(z.meta({ id }));
