import * as z from 'zod/mini';
import { isCountryCode } from './countries';
import { deferred } from './deferred';

export const CurrencySchema = /* @__PURE__ */ deferred(() => z.enum(['EUR', 'USD', 'GBP']).check(z.meta({ id: 'Currency' })));

const countryDescription = 'An officially assigned ISO 3166-1 alpha-2 code, in capitals: FR, DE, GB.';

/**
 * A country as a client names it: one of the officially assigned ISO 3166-1 alpha-2 codes
 * (countries.ts). Documented as two capitals and that sentence rather than an enum of 249, so that
 * a generated client still takes the string a form gives it.
 */
export const CountryCodeSchema = /* @__PURE__ */ deferred(() => z.string().check(
  z.regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as FR', abort: true }),
  z.refine(isCountryCode, 'is not an ISO 3166-1 alpha-2 country code (FR, DE, GB...)'),
  z.describe(countryDescription),
));

/**
 * A country as kept and sent back: until December 2026 any two capitals passed (XK, XX), and a
 * cart, an order, an invoice or settings of then is shown as it is rather than answered with a 500.
 * Documented as the one a client gives, so the OpenAPI document keeps one schema for both.
 */
export const KeptCountrySchema = /* @__PURE__ */ deferred(() => z.string().check(z.regex(/^[A-Z]{2}$/), z.describe(countryDescription)));

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

/**
 * An integer in a query string, within bounds: decimal digits and nothing else. `Number()` would
 * also read `0x10`, `1e2`, ` 5` or `5.0`, each a slip or a probe, not a count. Documented as the
 * integer it is (a pipe from a transform is shown as its output).
 */
export const queryInteger = (min: number, max: number) =>
  z.pipe(
    z.transform((raw: unknown, ctx) => {
      if (typeof raw === 'string' && /^[0-9]+$/.test(raw)) return Number(raw);
      ctx.issues.push({ code: 'custom', message: `must be a whole number from ${min} to ${max}, in decimal digits`, input: raw });
      return z.NEVER;
    }),
    z.number().check(z.int(), z.minimum(min), z.maximum(max)),
  );

/** The fields of a listing's query, spread into its schema. */
export const CursorQuerySchema = /* @__PURE__ */ deferred(() => ({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(queryInteger(1, 100)),
}));

export const pageOf = <T extends z.ZodMiniType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) }).check(z.meta({ id }));

/**
 * The body of an action that says nothing but "do it" (approve a return, cancel an order, a parcel
 * delivered, a redrive): no body, or `{}`. A field sent is refused by name rather than ignored,
 * since a client that sends one (a reason, a note) expects it kept.
 */
export const NoBodySchema = /* @__PURE__ */ deferred(() =>
  z.strictObject({}).check(z.meta({ id: 'NoBody', description: 'Nothing: send no body, or `{}`. Any field is refused (400 naming it).' })),
);
