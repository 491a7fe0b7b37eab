import type { Locale } from '#kernel/customer';
import type { Block, Row } from './email';
import { formatMoney, type Amount } from './format';

/** What the emails show of an order's lines and totals (the order as events carry it has more). */
export interface OrderSummary {
  items: readonly { sku: string; name: string; type: 'physical' | 'digital'; quantity: number; lineTotal: Amount }[];
  totals: { subtotal: Amount; discount: Amount; shipping: Amount; tax: Amount; total: Amount };
  pricesIncludeTax: boolean;
}

const words = {
  fr: { subtotal: 'Sous-total', discount: 'Remise', shipping: 'Livraison', taxIncluded: 'Dont TVA', tax: 'TVA', total: 'Total', free: 'Offerte' },
  en: { subtotal: 'Subtotal', discount: 'Discount', shipping: 'Shipping', taxIncluded: 'Including VAT', tax: 'VAT', total: 'Total', free: 'Free' },
} satisfies Record<Locale, Record<string, string>>;

/** `2 × Mug émaillé bleu`: a quantity and a product name, as lines and parcels list them. */
export const units = (quantity: number, name: string): string => `${quantity} × ${name}`;

/** One row per line, then the totals: what the customer paid and for what. */
export const orderRows = (order: OrderSummary, locale: Locale): Block[] => {
  const w = words[locale];
  const money = (amount: Amount) => formatMoney(amount, locale);
  const lines: Row[] = order.items.map((line) => ({ label: units(line.quantity, line.name), value: money(line.lineTotal) }));
  const totals: Row[] = [
    { label: w.subtotal, value: money(order.totals.subtotal) },
    ...(order.totals.discount.amount > 0 ? [{ label: w.discount, value: `-${money(order.totals.discount)}` }] : []),
    // Nothing to ship, no shipping row: "free shipping" on an ebook would puzzle.
    ...(order.items.some((line) => line.type === 'physical') ? [{ label: w.shipping, value: order.totals.shipping.amount > 0 ? money(order.totals.shipping) : w.free }] : []),
    { label: w.total, value: money(order.totals.total), strong: true },
    { label: order.pricesIncludeTax ? w.taxIncluded : w.tax, value: money(order.totals.tax) },
  ];
  return [
    { kind: 'rows', rows: lines },
    { kind: 'rows', rows: totals },
  ];
};
