import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxCategory } from '#catalog/domain/product';
import { defaultStoreSettings, priceCart, spread, type PricingLine, type Promotion } from '#pricing/domain/index';

const now = new Date('2026-11-24T10:00:00Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const line = (overrides: Partial<PricingLine> = {}): PricingLine => ({
  sku: 'MUG-1',
  name: 'Mug',
  type: 'physical',
  taxCategory: 'standard',
  unitPrice: eur(1200),
  quantity: 1,
  ...overrides,
});
const promo = (overrides: Partial<Promotion> = {}): Promotion => ({ code: 'P', kind: 'percent', value: 10, redemptions: 0, ...overrides });
const inclusive = defaultStoreSettings;
const exclusive = { ...defaultStoreSettings, pricesIncludeTax: false };

describe('priceCart, by example', () => {
  it('takes 5.5 % VAT out of a 19.99 EUR book shipped to France, and charges domestic shipping', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ taxCategory: 'reduced', unitPrice: eur(1999) })], destinationCountry: 'FR', promotions: [], now }, inclusive);
    // 1999 × 550 / 10550 = 104.2 → 104; shipping 490 at 20 %: 490 × 2000 / 12000 = 81.67 → 82
    expect(priced.lines[0]?.tax).toEqual(eur(104));
    expect(priced.totals).toEqual({ subtotal: eur(1999), discount: eur(0), shipping: eur(490), tax: eur(186), total: eur(2489) });
    expect(priced.taxBreakdown).toEqual([
      { rate: 2000, base: eur(408), tax: eur(82) },
      { rate: 550, base: eur(1895), tax: eur(104) },
    ]);
  });

  it("applies the destination's rate: 19 % for a 100 EUR item shipped to Germany", () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(10000) })], destinationCountry: 'DE', promotions: [], now }, inclusive);
    expect(priced.lines[0]).toMatchObject({ taxRate: 1900, tax: eur(1597) });
    expect(priced.totals.shipping).toEqual(eur(0));
  });

  it('charges no VAT outside the EU and the world shipping rate', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line()], destinationCountry: 'US', promotions: [], now }, inclusive);
    expect(priced.totals).toMatchObject({ tax: eur(0), shipping: eur(1990), total: eur(3190) });
  });

  it('adds tax on top when prices exclude tax', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(1000) })], destinationCountry: 'FR', promotions: [], now }, exclusive);
    expect(priced.totals).toEqual({ subtotal: eur(1000), discount: eur(0), shipping: eur(490), tax: eur(298), total: eur(1788) });
  });

  it('never discounts more than the subtotal', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line()], promotions: [promo({ kind: 'fixed', value: 5000 })], now }, inclusive);
    expect(priced.totals.discount).toEqual(eur(1200));
    expect(priced.lines[0]?.tax).toEqual(eur(0));
  });

  it('ships for free from the threshold, and never ships a cart of digital goods', () => {
    const big = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(6000) })], promotions: [], now }, inclusive);
    expect(big.totals.shipping).toEqual(eur(0));
    const digital = priceCart({ currency: 'EUR', lines: [line({ type: 'digital', taxCategory: 'digital' })], promotions: [], now }, inclusive);
    expect(digital.totals.shipping).toEqual(eur(0));
  });

  it('leaves out a promotion that has not started, has ended, is used up or is above the cart', () => {
    const promotions = [
      promo({ code: 'LATER', startsAt: '2026-12-01T00:00:00Z' }),
      promo({ code: 'OVER', endsAt: '2026-11-24T09:00:00Z' }),
      promo({ code: 'USED', maxRedemptions: 3, redemptions: 3 }),
      promo({ code: 'MIN', minSubtotal: eur(5000) }),
      // Reached in amount, but in dollars: a minimum in another currency is not this cart's.
      promo({ code: 'DOLLARS', minSubtotal: { amount: 1, currency: 'USD' } }),
    ];
    const priced = priceCart({ currency: 'EUR', lines: [line()], promotions, now }, inclusive);
    expect(priced.appliedPromotions).toEqual([]);
    expect(priced.totals.discount).toEqual(eur(0));
  });

  it('refuses a line priced in another currency', () => {
    expect(() => priceCart({ currency: 'EUR', lines: [line({ unitPrice: { amount: 100, currency: 'USD' } })], promotions: [], now }, inclusive)).toThrow(RangeError);
  });
});

const categories: TaxCategory[] = ['standard', 'reduced', 'super_reduced', 'zero', 'digital'];
const arbitraryLine = fc.record({
  sku: fc.stringMatching(/^[A-Z]{3}-[0-9]{2}$/),
  name: fc.constant('item'),
  type: fc.constantFrom('physical' as const, 'digital' as const),
  taxCategory: fc.constantFrom(...categories),
  unitPrice: fc.integer({ min: 0, max: 100_000_000 }).map(eur),
  quantity: fc.integer({ min: 1, max: 99 }),
});
const arbitraryCart = fc.record({
  lines: fc.uniqueArray(arbitraryLine, { selector: (l) => l.sku, maxLength: 50 }),
  destinationCountry: fc.option(fc.constantFrom('FR', 'DE', 'ES', 'IT', 'BE', 'NL', 'US', 'CH', 'JP'), { nil: undefined }),
  promotions: fc.array(
    fc.oneof(
      fc.record({ code: fc.constant('PCT'), kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 100 }), redemptions: fc.constant(0) }),
      fc.record({ code: fc.constant('FIX'), kind: fc.constant('fixed' as const), value: fc.integer({ min: 1, max: 10_000_000 }), redemptions: fc.constant(0) }),
    ),
    { maxLength: 2 },
  ),
  pricesIncludeTax: fc.boolean(),
});

describe('priceCart, over random carts', () => {
  it('adds up: total = lines − discount + shipping (+ tax when exclusive), to the cent', () => {
    fc.assert(
      fc.property(arbitraryCart, ({ pricesIncludeTax, ...cart }) => {
        const { totals, lines } = priceCart({ currency: 'EUR', now, ...cart }, { ...defaultStoreSettings, pricesIncludeTax });
        const lineSum = lines.reduce((s, l) => s + l.lineTotal.amount, 0);
        expect(totals.subtotal.amount).toBe(lineSum);
        expect(totals.total.amount).toBe(lineSum - totals.discount.amount + totals.shipping.amount + (pricesIncludeTax ? 0 : totals.tax.amount));
      }),
    );
  });

  it('creates nothing negative and loses no cent of the discount', () => {
    fc.assert(
      fc.property(arbitraryCart, ({ pricesIncludeTax, ...cart }) => {
        const { totals, lines } = priceCart({ currency: 'EUR', now, ...cart }, { ...defaultStoreSettings, pricesIncludeTax });
        for (const money of Object.values(totals)) expect(money.amount).toBeGreaterThanOrEqual(0);
        for (const l of lines) {
          expect(l.discount.amount).toBeGreaterThanOrEqual(0);
          expect(l.discount.amount).toBeLessThanOrEqual(l.lineTotal.amount);
          expect(l.tax.amount).toBeGreaterThanOrEqual(0);
        }
        expect(lines.reduce((s, l) => s + l.discount.amount, 0)).toBe(totals.discount.amount);
      }),
    );
  });

  it('shows a tax equal to the line taxes plus the shipping tax, and a breakdown that sums to it', () => {
    fc.assert(
      fc.property(arbitraryCart, ({ pricesIncludeTax, ...cart }) => {
        const priced = priceCart({ currency: 'EUR', now, ...cart }, { ...defaultStoreSettings, pricesIncludeTax });
        const lineTax = priced.lines.reduce((s, l) => s + l.tax.amount, 0);
        expect(lineTax).toBeLessThanOrEqual(priced.totals.tax.amount);
        expect(priced.taxBreakdown.reduce((s, t) => s + t.tax.amount, 0)).toBe(priced.totals.tax.amount);
        const bases = priced.taxBreakdown.reduce((s, t) => s + t.base.amount + (pricesIncludeTax ? t.tax.amount : 0), 0);
        expect(bases).toBe(priced.totals.subtotal.amount - priced.totals.discount.amount + priced.totals.shipping.amount);
      }),
    );
  });

  it('spreads any discount over any lines with parts that sum exactly to it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 50 }), fc.nat(), (amounts, seed) => {
        const total = amounts.reduce((a, b) => a + b, 0);
        const discount = total === 0 ? 0 : seed % (total + 1);
        const parts = spread(discount, amounts);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(discount);
        parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(amounts[i] ?? 0));
      }),
    );
  });
});
