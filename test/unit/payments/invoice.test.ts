import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceOf } from '#payments/domain/invoice';
import { arbitraryShippedCart, paidOrderOf } from '../../fixtures/priced-orders';
import { aShop } from '../../fixtures/settings';

const seller = aShop().seller!;
const sum = (amounts: { amount: number }[]) => amounts.reduce((n, m) => n + m.amount, 0);
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const physical = (sku: string, taxCategory: 'standard' | 'reduced', amount: number) =>
  ({ sku, name: sku, type: 'physical' as const, taxCategory, unitPrice: eur(amount), quantity: 1 });

describe('the invoice of an order, its shipping taxed at the rates of its goods', () => {
  it('adds up to the cent for any cart: lines + shipping = the total, VAT per rate = the VAT', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, (cart) => {
        const { order, priced } = paidOrderOf(cart);
        const invoice = invoiceOf(order, seller)!;
        // API.md: the lines plus shipping add up to totals.includingTax, whatever the shop's prices
        // (the shipping with its VAT, as the lines' totalIncludingTax are).
        expect(sum(invoice.lines.map((l) => l.totalIncludingTax)) + invoice.shipping.amount).toBe(invoice.totals.includingTax.amount);
        // Its VAT is the delivery's part of each rate; without it, with the lines without theirs, the total without VAT.
        expect(invoice.shippingVat.amount).toBe(sum(priced.shippingByRate.map((p) => p.tax)));
        expect(sum(invoice.lines.map((l) => l.totalExcludingTax)) + invoice.shipping.amount - invoice.shippingVat.amount).toBe(invoice.totals.excludingTax.amount);
        expect(sum(invoice.vatByRate.map((r) => r.vat))).toBe(invoice.totals.vat.amount);
        expect(sum(invoice.vatByRate.map((r) => r.base))).toBe(invoice.totals.excludingTax.amount);
        expect(invoice.totals.includingTax).toEqual(priced.totals.total);
        // The VAT beyond the lines' is the shipping's, at no rate its goods do not bear.
        expect(invoice.totals.vat.amount - sum(invoice.lines.map((l) => l.vat))).toBe(sum(priced.shippingByRate.map((p) => p.tax)));
        const goodsRates = order.items.filter((l) => l.type === 'physical').map((l) => l.taxRate / 100);
        for (const part of priced.shippingByRate) expect(goodsRates).toContain(part.rate / 100);
      }),
    );
  });

  it('of books only, at 5.5 %: one VAT line, the shipping in it', () => {
    const { order } = paidOrderOf({ lines: [physical('BOOK-1', 'reduced', 1999)], destinationCountry: 'FR', promotions: [], settings: { pricesIncludeTax: true, shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 } } });
    const invoice = invoiceOf(order, seller)!;
    expect(invoice.shipping).toEqual(eur(490));
    expect(invoice.vatByRate).toEqual([{ rate: 5.5, base: eur(2359), vat: eur(130) }]);
  });

  it('of a 20 % mug and a 5.5 % book of equal amounts: the shipping half in each VAT line', () => {
    const { order } = paidOrderOf({
      lines: [physical('MUG-1', 'standard', 1500), physical('BOOK-1', 'reduced', 1500)],
      destinationCountry: 'FR',
      promotions: [],
      settings: { pricesIncludeTax: true, shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 } },
    });
    expect(invoiceOf(order, seller)!.vatByRate).toEqual([
      { rate: 20, base: eur(1250 + 204), vat: eur(250 + 41) },
      { rate: 5.5, base: eur(1422 + 232), vat: eur(78 + 13) },
    ]);
  });

  it('of an order placed before shipping followed its goods: as issued then, the shipping at 20 % beside 5.5 % books', () => {
    const { order } = paidOrderOf({ lines: [physical('BOOK-1', 'reduced', 1999)], destinationCountry: 'FR', promotions: [], settings: { pricesIncludeTax: true, shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 } } });
    const before = { ...order, totals: { ...order.totals, tax: eur(186) }, taxBreakdown: [{ rate: 2000, base: eur(408), tax: eur(82) }, { rate: 550, base: eur(1895), tax: eur(104) }] };
    expect(invoiceOf(before, seller)!.vatByRate).toEqual([
      { rate: 20, base: eur(408), vat: eur(82) },
      { rate: 5.5, base: eur(1895), vat: eur(104) },
    ]);
  });
});

const export262 = 'Exonération de TVA, art. 262 I du CGI (exportation hors Union européenne).';
const services259B = 'TVA non applicable, art. 259 B du CGI';
const voucher256ter = 'art. 256 ter du CGI';
const item = (sku: string, type: 'physical' | 'digital', taxCategory: 'standard' | 'reduced' | 'zero' | 'digital' | 'books', amount: number, quantity = 1) =>
  ({ sku, name: sku, type, taxCategory, unitPrice: eur(amount), quantity });
const shop = { pricesIncludeTax: true, shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 } };
const mentionsOf = (lines: ReturnType<typeof item>[], destinationCountry: string, destinationPostalCode?: string) =>
  invoiceOf(paidOrderOf({ lines, destinationCountry, destinationPostalCode, promotions: [], settings: shop }).order, seller)!.legalMentions;

describe('the legal mention of why a line bears no VAT', () => {
  it('of a gift card sold in France beside a book: outside the scope of VAT as a voucher, never an export', () => {
    const mentions = mentionsOf([item('BOOK-1', 'physical', 'reduced', 1999), item('GIFT-CARD-50', 'digital', 'zero', 5000)], 'FR');
    expect(mentions.filter((m) => m.includes(voucher256ter))).toHaveLength(1);
    expect(mentions.join(' ')).not.toContain('262 I');
    expect(mentions.join(' ')).not.toContain('259 B');
  });

  it('of an e-book sold to a US address: not subject to French VAT (art. 259 B du CGI), not an export', () => {
    const mentions = mentionsOf([item('EBOOK-1', 'digital', 'digital', 1299)], 'US');
    expect(mentions.filter((m) => m.startsWith(services259B))).toHaveLength(1);
    expect(mentions).not.toContain(export262);
  });

  it('of goods shipped to the US: the export exemption, once for all its lines and their delivery', () => {
    const mentions = mentionsOf([item('MUG-1', 'physical', 'standard', 1500), item('BOOK-1', 'physical', 'reduced', 1999, 2)], 'US');
    expect(mentions.filter((m) => m === export262)).toHaveLength(1);
    expect(mentions.join(' ')).not.toContain('259 B');
  });

  it('of a book sold to Ireland at its 0 % for books: taxed there at that rate, no exemption to state; the same book to the US an export', () => {
    const ireland = mentionsOf([item('BOOK-1', 'physical', 'books', 1999)], 'IE', 'D02 X285');
    expect(ireland.join(' ')).not.toMatch(/262 I|259 B|256 ter/);
    const order = paidOrderOf({ lines: [item('BOOK-1', 'physical', 'books', 1999)], destinationCountry: 'IE', destinationPostalCode: 'D02 X285', promotions: [], settings: shop }).order;
    expect(order.items[0]).toMatchObject({ taxRate: 0 });
    expect(mentionsOf([item('BOOK-1', 'physical', 'books', 1999)], 'US')).toContain(export262);
  });

  it('of goods shipped to Guadeloupe or the Canary Islands under France’s or Spain’s code: the export exemption, as outside the EU VAT area', () => {
    for (const [country, postalCode] of [['FR', '97110'], ['ES', '35001']] as const) {
      expect(mentionsOf([item('MUG-1', 'physical', 'standard', 1500)], country, postalCode)).toContain(export262);
    }
    expect(mentionsOf([item('MUG-1', 'physical', 'standard', 1500)], 'FR', '75004')).not.toContain(export262);
  });

  it('of goods and an e-book to the US: each reason once, the export first', () => {
    const mentions = mentionsOf([item('MUG-1', 'physical', 'standard', 1500), item('EBOOK-1', 'digital', 'digital', 1299), item('EBOOK-2', 'digital', 'digital', 999)], 'US');
    const exemptions = mentions.filter((m) => m === export262 || m.startsWith(services259B));
    expect(exemptions).toEqual([export262, expect.stringMatching(/^TVA non applicable, art\. 259 B du CGI/)]);
  });

  it('of an order taxed in full: none', () => {
    const mentions = mentionsOf([item('MUG-1', 'physical', 'standard', 1500), item('EBOOK-1', 'digital', 'digital', 1299)], 'DE');
    expect(mentions.join(' ')).not.toMatch(/262 I|259 B|256 ter/);
  });
});

describe('the unit price without VAT of each line (CGI ann. II art. 242 nonies A)', () => {
  it('is the line total without VAT, net of its discount, over its units: 925,92 for a discounted lamp, 15,07 a book of two', () => {
    const { order } = paidOrderOf({
      lines: [item('MUG-1', 'physical', 'standard', 1500), item('BOOK-1', 'physical', 'reduced', 1590, 2)],
      destinationCountry: 'FR',
      promotions: [{ code: 'PCT', kind: 'percent', value: 10, redemptions: 0 }],
      settings: shop,
    });
    const lines = invoiceOf(order, seller)!.lines;
    // 15,00 − 1,50 off = 13,50 with VAT, 11,25 without; 31,80 − 3,18 = 28,62 with VAT, 27,13 without: 13,565 → 13,57 each.
    expect(lines.map((l) => [l.sku, l.unitPrice.amount, l.totalExcludingTax.amount, l.unitPriceExcludingTax])).toEqual([
      ['MUG-1', 1500, 1125, eur(1125)],
      ['BOOK-1', 1590, 2713, eur(1357)],
    ]);
  });

  it('rounds half up to the cent, within half a cent per unit of the line total, for any cart', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, (cart) => {
        for (const line of invoiceOf(paidOrderOf(cart).order, seller)!.lines) {
          const exact = line.totalExcludingTax.amount / line.quantity;
          expect(line.unitPriceExcludingTax.amount).toBe(Math.floor(exact + 0.5));
          expect(Math.abs(line.unitPriceExcludingTax.amount * line.quantity - line.totalExcludingTax.amount)).toBeLessThanOrEqual(line.quantity / 2);
        }
      }),
    );
  });
});
