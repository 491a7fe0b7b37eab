import type { Currency, Money } from '#kernel/money';

export interface Promotion {
  code: string;
  kind: 'percent' | 'fixed';
  /** A whole percentage (1..100) for `percent`, minor units of `currency` for `fixed`. */
  value: number;
  /**
   * The shop's currency when the terms were saved: a fixed `value`'s, and `minSubtotal`'s.
   * Absent on promotions saved before it was recorded, when `value` was documented as EUR cents.
   */
  currency?: Currency;
  startsAt?: string;
  endsAt?: string;
  maxRedemptions?: number;
  redemptions: number;
  minSubtotal?: Money;
}

export type PromotionCheck =
  | { ok: true }
  | { ok: false; reason: 'not_started' | 'expired' | 'exhausted' | 'below_minimum' }
  /** Its amounts (a fixed value, a minimum) are in `currency`, not the cart's. */
  | { ok: false; reason: 'other_currency'; currency: Currency };

/** The currencies of the amounts a promotion holds: a fixed value's, a minimum's. A percentage has none. */
const currenciesOf = (promotion: Promotion): Currency[] => [
  ...(promotion.kind === 'fixed' ? [promotion.currency ?? 'EUR'] : []),
  ...(promotion.minSubtotal ? [promotion.minSubtotal.currency] : []),
];

/** Whether a promotion applies now to a cart of this subtotal. */
export const checkPromotion = (promotion: Promotion, context: { subtotal: Money; now: Date }): PromotionCheck => {
  const now = context.now.toISOString();
  if (promotion.startsAt && now < promotion.startsAt) return { ok: false, reason: 'not_started' };
  if (promotion.endsAt && now >= promotion.endsAt) return { ok: false, reason: 'expired' };
  if (promotion.maxRedemptions !== undefined && promotion.redemptions >= promotion.maxRedemptions) {
    return { ok: false, reason: 'exhausted' };
  }
  // 5 euros off, or a minimum in euros, say nothing of a cart in dollars: such a promotion is not for that cart.
  const foreign = currenciesOf(promotion).find((currency) => currency !== context.subtotal.currency);
  if (foreign) return { ok: false, reason: 'other_currency', currency: foreign };
  if (promotion.minSubtotal && context.subtotal.amount < promotion.minSubtotal.amount) return { ok: false, reason: 'below_minimum' };
  return { ok: true };
};

/** The discount a promotion gives on a subtotal; never more than the subtotal. */
export const discountOf = (promotion: Promotion, subtotal: number): number => {
  const raw = promotion.kind === 'percent' ? Math.floor((subtotal * promotion.value) / 100) : promotion.value;
  return Math.min(raw, subtotal);
};

/**
 * Spreads a discount over the lines in proportion to their amounts (largest remainder), so the
 * parts add up exactly to the discount: VAT is then computed on each discounted line. Shipping is
 * spread over VAT rates the same way (shipping.ts).
 */
export const spread = (discount: number, amounts: readonly number[]): number[] => {
  const total = amounts.reduce((a, b) => a + b, 0);
  if (total === 0 || discount === 0) return amounts.map(() => 0);
  // BigInt: discount × amount can pass 2^53 on large carts, and a float would lose a cent.
  const d = BigInt(discount);
  const t = BigInt(total);
  const shares = amounts.map((a, i) => ({ i, floor: Number((d * BigInt(a)) / t), rest: (d * BigInt(a)) % t }));
  let left = discount - shares.reduce((s, x) => s + x.floor, 0);
  const parts = shares.map((s) => s.floor);
  for (const s of [...shares].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i))) {
    if (left === 0) break;
    parts[s.i] = (parts[s.i] ?? 0) + 1;
    left--;
  }
  return parts;
};
