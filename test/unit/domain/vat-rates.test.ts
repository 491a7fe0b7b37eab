import { describe, expect, it } from 'vitest';
import { defaultStoreSettings, priceCart, vatRate } from '#pricing/domain/index';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const now = new Date('2026-11-24T10:00:00Z');

describe('VAT rates by country and category', () => {
  it('taxes French press (2.1 %) sold to Germany at Germany’s reduced 7 %, not at its standard 19 %', () => {
    expect(vatRate('FR', 'super_reduced')).toBe(210);
    expect(vatRate('DE', 'super_reduced')).toBe(700);
    expect(vatRate('BE', 'super_reduced')).toBe(600);
    expect(vatRate('ES', 'super_reduced')).toBe(400);
  });

  it('taxes books, printed or electronic, at each member state’s rate for books, which no tier gives everywhere', () => {
    const countries = ['FR', 'DE', 'IT', 'ES', 'IE', 'LU', 'PL', 'SE', 'GR', 'HU', 'DK', 'MC'];
    expect(countries.map((c) => [c, vatRate(c, 'books')])).toEqual([
      ['FR', 550], ['DE', 700], ['IT', 400], ['ES', 400], ['IE', 0], ['LU', 300], ['PL', 500], ['SE', 600], ['GR', 600], ['HU', 500], ['DK', 2500], ['MC', 550],
    ]);
    // Outside the EU's VAT area: an export, or an e-book outside its scope.
    expect(['US', 'CH', 'GP'].map((c) => vatRate(c, 'books'))).toEqual([0, 0, 0]);
    // A book never bears more than the country's standard rate, nor less than nothing.
    for (const country of ['FR', 'DE', 'ES', 'IT', 'BE', 'NL', 'LU', 'AT', 'PT', 'IE', 'FI', 'SE', 'DK', 'PL', 'CZ', 'SK', 'SI', 'HR', 'HU', 'RO', 'BG', 'GR', 'CY', 'MT', 'EE', 'LV', 'LT']) {
      expect([country, vatRate(country, 'books') >= 0 && vatRate(country, 'books') <= vatRate(country, 'standard')]).toEqual([country, true]);
    }
    // Two copies of a 32.00 EUR cookbook shipped to Italy hold 2.46 EUR of VAT (4 %), not 5.82 (10 %).
    const book = { sku: 'BOOK-1', name: 'La cuisine française', type: 'physical' as const, taxCategory: 'books' as const, unitPrice: eur(3200), quantity: 2 };
    const toItaly = priceCart({ currency: 'EUR', lines: [book], customer: { shippingAddress: { country: 'IT', postalCode: '00184' } }, promotions: [], now }, defaultStoreSettings);
    expect(toItaly.lines[0]).toMatchObject({ taxRate: 400, tax: eur(246) });
  });

  it('falls back on the standard rate only where a country has no reduced rate at all', () => {
    expect(vatRate('DK', 'super_reduced')).toBe(2500);
    expect(vatRate('DK', 'intermediate')).toBe(2500);
    expect(vatRate('DK', 'reduced')).toBe(2500);
  });

  it('taxes the intermediate category at the French 10 %, at the second reduced rate of a country that has one, else at its reduced rate', () => {
    expect(vatRate('FR', 'intermediate')).toBe(1000);
    expect(vatRate('MC', 'intermediate')).toBe(1000);
    expect(['BE', 'AT', 'PT', 'EE', 'LU'].map((c) => vatRate(c, 'intermediate'))).toEqual([1200, 1300, 1300, 1300, 1400]);
    expect(['DE', 'IT', 'ES', 'NL'].map((c) => vatRate(c, 'intermediate'))).toEqual([700, 1000, 1000, 900]);
    expect(vatRate('US', 'intermediate')).toBe(0);
  });

  it('keeps every intermediate rate between the country’s reduced and standard rates', () => {
    for (const country of ['FR', 'DE', 'ES', 'IT', 'BE', 'NL', 'LU', 'AT', 'PT', 'IE', 'FI', 'SE', 'DK', 'PL', 'CZ', 'SK', 'SI', 'HR', 'HU', 'RO', 'BG', 'GR', 'CY', 'MT', 'EE', 'LV', 'LT']) {
      expect(vatRate(country, 'intermediate')).toBeGreaterThanOrEqual(vatRate(country, 'reduced'));
      expect(vatRate(country, 'intermediate')).toBeLessThanOrEqual(vatRate(country, 'standard'));
    }
  });

  it('lets a shop under the EU distance-selling threshold charge French VAT to EU customers, while exports stay at 0 %', () => {
    const under = { ...defaultStoreSettings, vatAtDestination: false };
    const mug = { sku: 'MUG-1', name: 'Mug', type: 'physical' as const, taxCategory: 'standard' as const, unitPrice: eur(1200), quantity: 1 };
    const ebook = { sku: 'EBOOK-1', name: 'E-book', type: 'digital' as const, taxCategory: 'reduced' as const, unitPrice: eur(499), quantity: 1 };
    const to = (country: string) => ({ shippingAddress: { country, postalCode: '10000' }, billingAddress: { country, postalCode: '10000' } });
    const toGermany = priceCart({ currency: 'EUR', lines: [mug, ebook], customer: to('DE'), promotions: [], now }, under);
    expect(toGermany.lines.map((l) => l.taxRate)).toEqual([2000, 550]);
    // Still shipped to Germany: the EU shipping rate, at the mug's French 20 %.
    expect(toGermany.shippingByRate).toEqual([{ rate: 2000, amount: eur(990), tax: eur(165) }]);
    const toUs = priceCart({ currency: 'EUR', lines: [mug, ebook], customer: to('US'), promotions: [], now }, under);
    expect(toUs.totals.tax).toEqual(eur(0));
    const atDestination = priceCart({ currency: 'EUR', lines: [mug, ebook], customer: to('DE'), promotions: [], now }, defaultStoreSettings);
    expect(atDestination.lines.map((l) => l.taxRate)).toEqual([1900, 700]);
  });

  it('prices a French 10 % line: 11.00 EUR of takeaway food holds 1.00 EUR of VAT', () => {
    const line = { sku: 'MEAL-1', name: 'Plat à emporter', type: 'physical' as const, taxCategory: 'intermediate' as const, unitPrice: eur(1100), quantity: 1 };
    const priced = priceCart({ currency: 'EUR', lines: [line], promotions: [], now }, { ...defaultStoreSettings, shipping: { ...defaultStoreSettings.shipping, freeFrom: 0 } });
    expect(priced.lines[0]).toMatchObject({ taxRate: 1000, tax: eur(100) });
    expect(priced.taxBreakdown).toEqual([{ rate: 1000, base: eur(1000), tax: eur(100) }]);
  });
});
