import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CurrencySchema, MoneySchema, PriceSchema } from '#kernel/schemas';

export const PromotionCodeParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({
  code: z.string().check(z.regex(/^[A-Z0-9_-]{2,40}$/, 'a code is 2 to 40 upper-case letters, digits, dashes or underscores')),
}));

export const PutPromotionBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    kind: z.enum(['percent', 'fixed']),
    value: z.number().check(z.int(), z.minimum(1)),
    startsAt: z.optional(z.iso.datetime()),
    endsAt: z.optional(z.iso.datetime()),
    maxRedemptions: z.optional(z.number().check(z.int(), z.minimum(1))),
    minSubtotal: z.optional(PriceSchema),
  })
  .check(
    z.refine((p) => p.kind !== 'percent' || p.value <= 100, { path: ['value'], message: 'a percentage is at most 100' }),
    z.refine((p) => !p.startsAt || !p.endsAt || p.startsAt < p.endsAt, { path: ['endsAt'], message: 'must be after startsAt' }),
    z.meta({ id: 'PutPromotionBody', examples: [{ kind: 'percent', value: 10 }], description: "`value` is a whole percentage for `percent`, minor units of the shop's currency for `fixed` (taken off carts in that currency only). `minSubtotal` is in the shop's currency. A promotion never applies to gift cards (tax category `zero`), nor do they count towards `minSubtotal`." }),
  ));

export const PromotionSchema = /* @__PURE__ */ deferred(() => z
  .object({
    code: z.string(),
    kind: z.enum(['percent', 'fixed']),
    value: z.number().check(z.int()),
    currency: CurrencySchema,
    startsAt: z.optional(z.iso.datetime()),
    endsAt: z.optional(z.iso.datetime()),
    maxRedemptions: z.optional(z.number().check(z.int())),
    minSubtotal: z.optional(MoneySchema),
    redemptions: z.number().check(z.int()),
  })
  .check(z.meta({ id: 'Promotion', description: "`currency` is the shop's when the promotion was saved: that of a fixed `value` (taken off carts in it only) and of `minSubtotal`." })));
