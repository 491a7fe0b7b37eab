import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxCategory } from '#catalog/domain/product';
import { checkPromotion, defaultStoreSettings, priceCart, spread, taxIncluded, taxOnTop, vatRate, type PricingLine, type Promotion } from '#pricing/domain/index';
import { arbitraryShippedCart, customerOf } from '../../fixtures/priced-orders';

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
/** An address as pricing reads it: a postcode that names no territory of its own unless one is given. */
const place = (country: string, postalCode = '10000') => ({ country, postalCode });
/** A customer who gave only a shipping address, in `country`. */
const shippedTo = (country: string, postalCode?: string) => ({ shippingAddress: place(country, postalCode) });
const promo = (overrides: Partial<Promotion> = {}): Promotion => ({ code: 'P', kind: 'percent', value: 10, redemptions: 0, ...overrides });
const inclusive = defaultStoreSettings;
const exclusive = { ...defaultStoreSettings, pricesIncludeTax: false };

describe('priceCart, by example', () => {
  it('takes 5.5 % VAT out of a 19.99 EUR book shipped to France, and out of its domestic shipping: delivery follows the goods', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ taxCategory: 'reduced', unitPrice: eur(1999) })], customer: shippedTo('FR'), promotions: [], now }, inclusive);
    // 1999 × 550 / 10550 = 104.2 → 104; shipping 490 at 5.5 % too: 490 × 550 / 10550 = 25.5 → 26
    // (it was taxed at the standard 20 % before the audit: 82, and a 20 % line of 408 + 82).
    expect(priced.lines[0]?.tax).toEqual(eur(104));
    expect(priced.shippingByRate).toEqual([{ rate: 550, amount: eur(490), tax: eur(26) }]);
    expect(priced.totals).toEqual({ subtotal: eur(1999), discount: eur(0), shipping: eur(490), tax: eur(130), total: eur(2489) });
    expect(priced.taxBreakdown).toEqual([{ rate: 550, base: eur(2359), tax: eur(130) }]);
  });

  it("applies the destination's rate: 19 % for a 100 EUR item shipped to Germany", () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(10000) })], customer: shippedTo('DE'), promotions: [], now }, inclusive);
    expect(priced.lines[0]).toMatchObject({ taxRate: 1900, tax: eur(1597) });
    expect(priced.totals.shipping).toEqual(eur(0));
  });

  it('charges no VAT outside the EU and the world shipping rate', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line()], customer: shippedTo('US'), promotions: [], now }, inclusive);
    expect(priced.totals).toMatchObject({ tax: eur(0), shipping: eur(1990), total: eur(3190) });
  });

  it('adds tax on top when prices exclude tax', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(1000) })], customer: shippedTo('FR'), promotions: [], now }, exclusive);
    expect(priced.totals).toEqual({ subtotal: eur(1000), discount: eur(0), shipping: eur(490), tax: eur(298), total: eur(1788) });
  });

  it('never discounts more than the subtotal', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line()], promotions: [promo({ kind: 'fixed', value: 5000 })], now }, inclusive);
    expect(priced.totals.discount).toEqual(eur(1200));
    expect(priced.lines[0]?.tax).toEqual(eur(0));
  });

  it('never takes a promotion off a gift card, nor counts one towards a minimum: a €50 card is sold for €50', () => {
    const card = line({ sku: 'GIFT-CARD-50', type: 'digital', taxCategory: 'zero', unitPrice: eur(5000) });
    const mug = line({ unitPrice: eur(1500) });
    const priced = priceCart({ currency: 'EUR', lines: [mug, card], customer: shippedTo('FR'), promotions: [promo({ value: 10 })], now }, inclusive);
    expect(priced.lines.map((l) => [l.sku, l.discount.amount])).toEqual([['MUG-1', 150], ['GIFT-CARD-50', 0]]);
    expect(priced.totals).toMatchObject({ subtotal: eur(6500), discount: eur(150) });
    // A minimum of 30.00 is not reached by 15.00 of goods and a 50.00 card.
    const minimum = promo({ code: 'OVER30', kind: 'fixed', value: 500, minSubtotal: eur(3000) });
    const unreached = priceCart({ currency: 'EUR', lines: [mug, card], customer: shippedTo('FR'), promotions: [minimum], now }, inclusive);
    expect([unreached.totals.discount, unreached.appliedPromotions]).toEqual([eur(0), []]);
    // A cart of cards alone: nothing to take off.
    const cards = priceCart({ currency: 'EUR', lines: [card], promotions: [promo({ kind: 'fixed', value: 500 })], now }, inclusive);
    expect([cards.totals.discount, cards.totals.total, cards.appliedPromotions]).toEqual([eur(0), eur(5000), []]);
  });

  it('stacks promotions in one order whatever the order the codes came in: percentages first, then fixed amounts', () => {
    const codes = [promo({ code: 'TEN', kind: 'fixed', value: 1000 }), promo({ code: 'PCT10', kind: 'percent', value: 10 })];
    const price = (promotions: Promotion[]) => priceCart({ currency: 'EUR', lines: [line({ unitPrice: { amount: 10000, currency: 'EUR' } })], promotions, now }, inclusive);
    const [entered, reversed] = [price(codes), price([...codes].reverse())];
    // 10 % of 100.00, then 10.00 off the 90.00 left.
    expect(entered.totals.discount).toEqual({ amount: 2000, currency: 'EUR' });
    expect(reversed.totals).toEqual(entered.totals);
    expect(entered.appliedPromotions).toEqual(['PCT10', 'TEN']);
    expect(reversed.appliedPromotions).toEqual(['PCT10', 'TEN']);
  });

  it('ships for free from the threshold, and never ships a cart of digital goods', () => {
    const big = priceCart({ currency: 'EUR', lines: [line({ unitPrice: eur(6000) })], promotions: [], now }, inclusive);
    expect(big.totals.shipping).toEqual(eur(0));
    const digital = priceCart({ currency: 'EUR', lines: [line({ type: 'digital', taxCategory: 'digital' })], promotions: [], now }, inclusive);
    expect(digital.totals.shipping).toEqual(eur(0));
  });

  it('an order of books and an e-book, all at 5.5 %, has no 20 % line: the shipping is at 5.5 % with the books', () => {
    const lines = [line({ sku: 'BOOK-1', taxCategory: 'reduced', unitPrice: eur(890) }), line({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499) })];
    const priced = priceCart({ currency: 'EUR', lines, customer: shippedTo('FR'), promotions: [], now }, inclusive);
    expect(priced.taxBreakdown.map((t) => t.rate)).toEqual([550]);
    expect(priced.shippingByRate).toEqual([{ rate: 550, amount: eur(490), tax: eur(26) }]);
  });

  it('splits the shipping half and half between a 20 % mug and a 5.5 % book of equal amounts, each half taxed at its rate', () => {
    const lines = [line({ sku: 'MUG-1', unitPrice: eur(1500) }), line({ sku: 'BOOK-1', taxCategory: 'reduced', unitPrice: eur(1500) })];
    const priced = priceCart({ currency: 'EUR', lines, customer: shippedTo('FR'), promotions: [], now }, inclusive);
    // 245 × 2000 / 12000 = 40.8 → 41; 245 × 550 / 10550 = 12.8 → 13
    expect(priced.shippingByRate).toEqual([
      { rate: 2000, amount: eur(245), tax: eur(41) },
      { rate: 550, amount: eur(245), tax: eur(13) },
    ]);
    expect(priced.taxBreakdown).toEqual([
      { rate: 2000, base: eur(1250 + 204), tax: eur(250 + 41) },
      { rate: 550, base: eur(1422 + 232), tax: eur(78 + 13) },
    ]);
    expect(priced.totals).toMatchObject({ shipping: eur(490), tax: eur(382), total: eur(3490) });
  });

  it('splits by what the goods cost after the discount, and adds the VAT on top of each part in a tax-exclusive shop', () => {
    // 30 % off: the mug weighs 2100, the books 700 (2 × 500): the shipping 490 splits 367.5 / 122.5, the tie going to the higher rate.
    const lines = [line({ sku: 'MUG-1', unitPrice: eur(3000) }), line({ sku: 'BOOK-1', taxCategory: 'reduced', unitPrice: eur(500), quantity: 2 })];
    const priced = priceCart({ currency: 'EUR', lines, customer: shippedTo('FR'), promotions: [promo({ value: 30 })], now }, exclusive);
    expect(priced.shippingByRate).toEqual([
      { rate: 2000, amount: eur(368), tax: eur(74) },
      { rate: 550, amount: eur(122), tax: eur(7) },
    ]);
    expect(priced.totals).toEqual({ subtotal: eur(4000), discount: eur(1200), shipping: eur(490), tax: eur(420 + 39 + 74 + 7), total: eur(2800 + 490 + 540) });
  });

  it('counts only the goods it delivers: an e-book at 20 % beside a book leaves the shipping at the book’s 5.5 %', () => {
    const lines = [line({ sku: 'BOOK-1', taxCategory: 'reduced', unitPrice: eur(890) }), line({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'digital', unitPrice: eur(2000) })];
    const priced = priceCart({ currency: 'EUR', lines, customer: shippedTo('FR'), promotions: [], now }, inclusive);
    expect(priced.shippingByRate).toEqual([{ rate: 550, amount: eur(490), tax: eur(26) }]);
  });

  it('charges no shipping, and so no VAT on it, for an order of digital goods only', () => {
    const priced = priceCart({ currency: 'EUR', lines: [line({ type: 'digital', taxCategory: 'digital' })], customer: shippedTo('FR'), promotions: [], now }, inclusive);
    expect(priced.totals.shipping).toEqual(eur(0));
    expect(priced.shippingByRate).toEqual([]);
    expect(priced.taxBreakdown).toEqual([{ rate: 2000, base: eur(1000), tax: eur(200) }]);
  });

  it('taxes the shipping of goods that cost nothing after the discount at the highest of their rates', () => {
    const lines = [line({ sku: 'MUG-1' }), line({ sku: 'BOOK-1', taxCategory: 'reduced' })];
    const priced = priceCart({ currency: 'EUR', lines, customer: shippedTo('FR'), promotions: [promo({ value: 100 })], now }, inclusive);
    expect(priced.totals).toMatchObject({ discount: eur(2400), shipping: eur(490), total: eur(490) });
    expect(priced.shippingByRate).toEqual([{ rate: 2000, amount: eur(490), tax: eur(82) }]);
    // The books' 5.5 %, which bears nothing now, has no row: only the delivery's 20 %.
    expect(priced.taxBreakdown).toEqual([{ rate: 2000, base: eur(408), tax: eur(82) }]);
  });

  it('taxes digital goods at the rate of the country the customer is billed in: an e-book and an album billed to Germany bear 7 % and 19 %', () => {
    const lines = [
      line({ sku: 'EBOOK-MISERABLES', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499) }),
      line({ sku: 'ALBUM-JAZZ-FLAC', type: 'digital', taxCategory: 'digital', unitPrice: eur(1299) }),
    ];
    const priced = priceCart({ currency: 'EUR', lines, customer: { billingAddress: place('DE') }, promotions: [], now }, inclusive);
    // 499 × 700 / 10700 = 32.6 → 33; 1299 × 1900 / 11900 = 207.4 → 207 (French VAT gave 26 + 217 = 243).
    expect(priced.lines.map((l) => [l.taxRate, l.tax.amount])).toEqual([[700, 33], [1900, 207]]);
    expect(priced.totals).toEqual({ subtotal: eur(1798), discount: eur(0), shipping: eur(0), tax: eur(240), total: eur(1798) });
  });

  it('charges no VAT on an e-book billed to the United States, with or without a shipping address', () => {
    const ebook = line({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499) });
    const billedOnly = priceCart({ currency: 'EUR', lines: [ebook], customer: { billingAddress: place('US') }, promotions: [], now }, inclusive);
    const shippedOnly = priceCart({ currency: 'EUR', lines: [ebook], customer: shippedTo('US'), promotions: [], now }, inclusive);
    expect([billedOnly.totals.tax, shippedOnly.totals.tax]).toEqual([eur(0), eur(0)]);
  });

  it('taxes a book where it is shipped and an e-book where its buyer is billed, the delivery following the book', () => {
    const lines = [line({ sku: 'BOOK-1', taxCategory: 'reduced', unitPrice: eur(890) }), line({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499) })];
    const priced = priceCart({ currency: 'EUR', lines, customer: { shippingAddress: place('FR'), billingAddress: place('DE') }, promotions: [], now }, inclusive);
    expect(priced.lines.map((l) => l.taxRate)).toEqual([550, 700]);
    // Shipped to France: the domestic rate, at the book's 5.5 %.
    expect(priced.shippingByRate).toEqual([{ rate: 550, amount: eur(490), tax: eur(26) }]);
    // 890 → 46 and 490 → 26 at 5.5 %; 499 → 33 at 7 %.
    expect(priced.taxBreakdown).toEqual([
      { rate: 700, base: eur(466), tax: eur(33) },
      { rate: 550, base: eur(890 + 490 - 46 - 26), tax: eur(46 + 26) },
    ]);
  });

  it('falls back on the other address, then on the shop’s country, when one is missing', () => {
    const mug = line({ sku: 'MUG-1', unitPrice: eur(1200) });
    const ebook = line({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499) });
    const billedToGermany = priceCart({ currency: 'EUR', lines: [mug], customer: { billingAddress: place('DE') }, promotions: [], now }, inclusive);
    expect(billedToGermany.lines[0]?.taxRate).toBe(1900);
    expect(billedToGermany.totals.shipping).toEqual(eur(990));
    expect(priceCart({ currency: 'EUR', lines: [ebook], customer: shippedTo('DE'), promotions: [], now }, inclusive).lines[0]?.taxRate).toBe(700);
    expect(priceCart({ currency: 'EUR', lines: [mug, ebook], customer: null, promotions: [], now }, inclusive).lines.map((l) => l.taxRate)).toEqual([2000, 550]);
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

  it('takes a fixed promotion off carts in its own currency only: 500 euro cents are not 5 dollars', () => {
    const usd = (amount: number) => ({ amount, currency: 'USD' as const });
    const dollars = { currency: 'USD' as const, lines: [line({ unitPrice: usd(3000) })], now };
    const euros = promo({ code: 'FIVE', kind: 'fixed', value: 500, currency: 'EUR' });
    expect(priceCart({ ...dollars, promotions: [euros] }, inclusive).totals.discount).toEqual(usd(0));
    expect(checkPromotion(euros, { subtotal: usd(3000), now })).toEqual({ ok: false, reason: 'other_currency', currency: 'EUR' });
    expect(priceCart({ ...dollars, promotions: [{ ...euros, currency: 'USD' }] }, inclusive).totals.discount).toEqual(usd(500));
    // Saved before promotions recorded their currency, when `value` was documented as EUR cents.
    const { currency: _, ...unrecorded } = euros;
    expect(priceCart({ ...dollars, promotions: [unrecorded] }, inclusive).appliedPromotions).toEqual([]);
    expect(priceCart({ currency: 'EUR', lines: [line()], promotions: [unrecorded], now }, inclusive).totals.discount).toEqual(eur(500));
    // A percentage holds no amount: it applies in any currency.
    expect(priceCart({ ...dollars, promotions: [promo({ currency: 'EUR' })] }, inclusive).totals.discount).toEqual(usd(300));
  });

  it('refuses a line priced in another currency', () => {
    expect(() => priceCart({ currency: 'EUR', lines: [line({ unitPrice: { amount: 100, currency: 'USD' } })], promotions: [], now }, inclusive)).toThrow(RangeError);
  });
});

const categories: TaxCategory[] = ['standard', 'intermediate', 'reduced', 'super_reduced', 'zero', 'digital'];
const arbitraryLine = fc.record({
  sku: fc.stringMatching(/^[A-Z]{3}-[0-9]{2}$/),
  name: fc.constant('item'),
  type: fc.constantFrom('physical' as const, 'digital' as const),
  taxCategory: fc.constantFrom(...categories),
  unitPrice: fc.integer({ min: 0, max: 100_000_000 }).map(eur),
  quantity: fc.integer({ min: 1, max: 99 }),
});
const arbitraryPlace = fc.constantFrom('FR', 'DE', 'ES', 'IT', 'BE', 'NL', 'US', 'CH', 'JP').map((country) => place(country));
const arbitraryCart = fc.record({
  lines: fc.uniqueArray(arbitraryLine, { selector: (l) => l.sku, maxLength: 50 }),
  customer: fc.option(
    fc.record({ shippingAddress: fc.option(arbitraryPlace, { nil: undefined }), billingAddress: fc.option(arbitraryPlace, { nil: undefined }) }),
    { nil: undefined },
  ),
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

  it('splits the shipping across the rates of the physical goods only, in parts that add up to it exactly, each within a cent of its pro-rata share', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, ({ settings, ...cart }) => {
        const priced = priceCart({ currency: 'EUR', now, lines: cart.lines, customer: customerOf(cart), promotions: cart.promotions }, { ...defaultStoreSettings, ...settings });
        const physical = priced.lines.filter((_, i) => cart.lines[i]?.type === 'physical');
        if (physical.length === 0) expect(priced.totals.shipping.amount).toBe(0);
        expect(priced.shippingByRate.reduce((n, p) => n + p.amount.amount, 0)).toBe(priced.totals.shipping.amount);
        const weights = new Map<number, number>();
        for (const l of physical) weights.set(l.taxRate, (weights.get(l.taxRate) ?? 0) + l.lineTotal.amount - l.discount.amount);
        const goods = [...weights.values()].reduce((a, b) => a + b, 0);
        for (const part of priced.shippingByRate) {
          expect(weights.has(part.rate)).toBe(true);
          if (goods > 0) expect(Math.abs(part.amount.amount * goods - priced.totals.shipping.amount * (weights.get(part.rate) ?? 0))).toBeLessThan(goods);
        }
      }),
    );
  });

  it('taxes each part of the shipping by the rounding rule of the lines, and the VAT adds up to the cent', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, ({ settings, ...cart }) => {
        const priced = priceCart({ currency: 'EUR', now, lines: cart.lines, customer: customerOf(cart), promotions: cart.promotions }, { ...defaultStoreSettings, ...settings });
        const taxOf = settings.pricesIncludeTax ? taxIncluded : taxOnTop;
        for (const part of priced.shippingByRate) expect(part.tax.amount).toBe(taxOf(part.amount.amount, part.rate));
        const parts = [...priced.lines, ...priced.shippingByRate];
        expect(parts.reduce((n, p) => n + p.tax.amount, 0)).toBe(priced.totals.tax.amount);
        expect(priced.taxBreakdown.reduce((n, t) => n + t.tax.amount, 0)).toBe(priced.totals.tax.amount);
        const shelved = priced.totals.subtotal.amount - priced.totals.discount.amount + priced.totals.shipping.amount;
        expect(priced.totals.total.amount).toBe(shelved + (settings.pricesIncludeTax ? 0 : priced.totals.tax.amount));
        // Nothing is taxed at the destination's standard rate unless some goods are.
        const standard = vatRate(cart.destinationCountry, 'standard');
        if (!priced.lines.some((l) => l.taxRate === standard)) expect(priced.taxBreakdown.map((t) => t.rate)).not.toContain(standard);
      }),
    );
  });

  it('taxes each physical line where it ships and each digital line where its buyer is billed, each falling back on the other address, then the shop’s country', () => {
    fc.assert(
      fc.property(arbitraryCart, ({ pricesIncludeTax, ...cart }) => {
        const priced = priceCart({ currency: 'EUR', now, ...cart }, { ...defaultStoreSettings, pricesIncludeTax });
        const shipping = cart.customer?.shippingAddress?.country;
        const billing = cart.customer?.billingAddress?.country;
        cart.lines.forEach((l, i) => {
          const country = (l.type === 'physical' ? shipping ?? billing : billing ?? shipping) ?? defaultStoreSettings.originCountry;
          expect(priced.lines[i]?.taxRate).toBe(vatRate(country, l.taxCategory));
        });
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
