import type { Money } from '#kernel/money';
import type { Order, TaxLine } from './order';

/** One VAT rate of an order: its base without VAT and its VAT, and of them, the delivery's part. */
export interface RateBreakdown extends TaxLine {
  shipping: { base: Money; tax: Money };
}

/**
 * The order's VAT per rate, each telling how much of it is the delivery's. The delivery is taxed
 * at the rates of the goods it delivers (shipping.ts, `shippingByRate`): what a rate holds beyond
 * its lines is the delivery's share at that rate. Worked out from what the order stored (an order
 * placed before delivery followed its goods has it all at the one rate it bore then), so it states
 * exactly what the invoice did.
 */
export const taxBreakdownOf = (order: Pick<Order, 'items' | 'taxBreakdown' | 'pricesIncludeTax'>): RateBreakdown[] =>
  order.taxBreakdown.map((t) => {
    const lines = order.items.filter((l) => l.taxRate === t.rate);
    const tax = lines.reduce((n, l) => n + l.tax.amount, 0);
    const base = lines.reduce((n, l) => n + l.lineTotal.amount - l.discount.amount - (order.pricesIncludeTax ? l.tax.amount : 0), 0);
    return { ...t, shipping: { base: { ...t.base, amount: t.base.amount - base }, tax: { ...t.tax, amount: t.tax.amount - tax } } };
  });
