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
        // Lines and shipping are stated as the shop's prices are: with VAT, or without it.
        const lines = sum(invoice.lines.map((l) => (invoice.pricesIncludeTax ? l.totalIncludingTax : l.totalExcludingTax)));
        expect(lines + invoice.shipping.amount).toBe((invoice.pricesIncludeTax ? invoice.totals.includingTax : invoice.totals.excludingTax).amount);
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
