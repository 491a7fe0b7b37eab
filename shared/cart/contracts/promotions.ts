import * as z from 'zod';
import { MoneySchema, PriceSchema } from '#kernel/schemas';

export const PromotionCodeParamsSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_-]{2,40}$/, 'a code is 2 to 40 upper-case letters, digits, dashes or underscores'),
});

export const PutPromotionBodySchema = z
  .strictObject({
    kind: z.enum(['percent', 'fixed']),
    value: z.number().int().min(1),
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime().optional(),
    maxRedemptions: z.number().int().min(1).optional(),
    minSubtotal: PriceSchema.optional(),
  })
  .refine((p) => p.kind !== 'percent' || p.value <= 100, { path: ['value'], message: 'a percentage is at most 100' })
  .refine((p) => !p.startsAt || !p.endsAt || p.startsAt < p.endsAt, { path: ['endsAt'], message: 'must be after startsAt' })
  .meta({ id: 'PutPromotionBody', examples: [{ kind: 'percent', value: 10 }], description: '`value` is a whole percentage for `percent`, minor units (EUR cents) for `fixed`.' });

export const PromotionSchema = z
  .object({
    code: z.string(),
    kind: z.enum(['percent', 'fixed']),
    value: z.number().int(),
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime().optional(),
    maxRedemptions: z.number().int().optional(),
    minSubtotal: MoneySchema.optional(),
    redemptions: z.number().int(),
  })
  .meta({ id: 'Promotion' });
