import { describe, expect, it } from 'vitest';
import { defaultStoreSettings, priceCart, type PricingLine } from '#pricing/domain/index';
import { territoryOf } from '#pricing/domain/tax';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const now = new Date('2026-11-24T10:00:00Z');
const mug: PricingLine = { sku: 'MUG-1', name: 'Mug', type: 'physical', taxCategory: 'standard', unitPrice: eur(1999), quantity: 1 };
const ebook: PricingLine = { sku: 'EBOOK-1', name: 'E-book', type: 'digital', taxCategory: 'reduced', unitPrice: eur(499), quantity: 1 };
const shippedTo = (country: string, postalCode: string) => ({ shippingAddress: { country, postalCode } });
const priceTo = (country: string, postalCode: string, lines = [mug]) =>
  priceCart({ currency: 'EUR', lines, customer: shippedTo(country, postalCode), promotions: [], now }, defaultStoreSettings);

describe('territories outside the EU VAT area that addresses write under their member state’s code', () => {
  it.each([
    ['ES', '35001', 'the Canary Islands (Las Palmas)'],
    ['ES', '38001', 'the Canary Islands (Santa Cruz de Tenerife)'],
    ['ES', '51001', 'Ceuta'],
    ['ES', '52001', 'Melilla'],
    ['FR', '97110', 'Guadeloupe'],
    ['FR', '97400', 'La Réunion'],
    ['DE', '27498', 'Heligoland'],
    ['DE', '78266', 'Büsingen'],
    ['IT', '22061', "Campione d'Italia"],
    ['IT', '23041', 'Livigno'],
    ['FI', '22100', 'Åland'],
  ])('charges no VAT on a 19.99 EUR standard-rate item shipped to %s %s (%s), and the world shipping rate: it leaves as an export', (country, postalCode) => {
    const priced = priceTo(country, postalCode);
    expect(priced.lines[0]?.taxRate).toBe(0);
    expect(priced.totals).toEqual({ subtotal: eur(1999), discount: eur(0), shipping: eur(1990), tax: eur(0), total: eur(3989) });
  });

  it('prices Guadeloupe written FR 97110 exactly as Guadeloupe written GP', () => {
    expect(priceTo('FR', '97110', [mug, ebook])).toEqual(priceTo('GP', '97110', [mug, ebook]));
  });

  it('still taxes the mainland next door at its member state’s rate, at the domestic or EU shipping rate', () => {
    expect([priceTo('ES', '28001'), priceTo('FR', '75004'), priceTo('DE', '27472'), priceTo('IT', '22060'), priceTo('FI', '00100')].map((p) => [p.lines[0]?.taxRate, p.totals.shipping.amount])).toEqual([
      [2100, 990],
      [2000, 490],
      [1900, 990],
      [2200, 990],
      [2550, 990],
    ]);
  });

  it('taxes an e-book billed to the Canary Islands as supplied outside the EU, whatever the shipping address', () => {
    const priced = priceCart(
      { currency: 'EUR', lines: [mug, ebook], customer: { shippingAddress: { country: 'FR', postalCode: '75004' }, billingAddress: { country: 'ES', postalCode: '38001' } }, promotions: [], now },
      defaultStoreSettings,
    );
    expect(priced.lines.map((l) => l.taxRate)).toEqual([2000, 0]);
  });

  it('reads each postcode as the territory of its own ISO code where it has one, else as outside the EU VAT area', () => {
    const territory = (country: string, postalCode: string) => territoryOf({ country, postalCode });
    expect(
      (['97110', '97200', '97300', '97400', '97500', '97600', '97133', '97150', '98800'] as const).map((p) => territory('FR', p)),
    ).toEqual(['GP', 'MQ', 'GF', 'RE', 'PM', 'YT', 'BL', 'MF', 'NC']);
    expect(territory('FI', '22100')).toBe('AX');
    // Written with a space or a country prefix, as addresses often are.
    expect([territory('FR', '971 10'), territory('FI', 'AX-22100')]).toEqual(['GP', 'AX']);
    // The same postcodes elsewhere, and the member states' other postcodes, name no territory.
    expect([territory('FR', '35000'), territory('BE', '97110'), territory('DE', '27499'), territory('FR', '75004')]).toEqual(['FR', 'BE', 'DE', 'FR']);
  });
});
