import type { CreditNoteLine, PricedCreditNoteLine } from './after-sales';
import { unitPriceExcludingTax, type Order } from './order';

/**
 * A credited line (a credit note's, or an invoice cancelling it) with the unit prices and discount
 * an invoice line states, so that it reads as the invoice's does:
 * - units of a product: the unit price they were invoiced at (as the shop's prices are, with VAT
 *   or without, before the line's discount); as discount, what quantity × unit price exceeds the
 *   credited total by, as the shop's prices are, so that the line adds up as on the invoice: the
 *   units' share of the line's discount, and the notes of a line refunded in full add up to its
 *   invoice's discount. Never below 0: where prices are without VAT, the total without VAT of
 *   units refunded apart (their amount with VAT less their VAT, each a share rounded to the
 *   cent, refund-amounts.ts) may exceed their price by a cent; their discount is then 0. A line
 *   held within what an earlier goodwill refund left at its rate (`withinWhatIsLeft`) counts what
 *   it was held back by, credited at another rate. Then the unit price without VAT.
 * - a sum credited without goods (quantity 0) has no units: all three are 0, in its currency.
 * What the line already states is kept as issued: only a line stored before they were stated gets
 * them here, from the order's line, which never changes once ordered.
 */
export const pricedLine = (order: Pick<Order, 'items' | 'pricesIncludeTax'>, line: CreditNoteLine): PricedCreditNoteLine => {
  const currency = line.totalIncludingTax.currency;
  // Refund lines are built from the order's lines: a credited unit is always of one of them.
  const sold = line.quantity > 0 ? order.items.find((item) => item.sku === line.sku) : undefined;
  const none = { amount: 0, currency };
  const total = order.pricesIncludeTax ? line.totalIncludingTax : line.totalExcludingTax;
  return {
    ...line,
    unitPrice: line.unitPrice ?? sold?.unitPrice ?? none,
    discount: line.discount ?? (sold ? { amount: Math.max(0, sold.unitPrice.amount * line.quantity - total.amount), currency } : none),
    unitPriceExcludingTax: line.unitPriceExcludingTax ?? (sold ? unitPriceExcludingTax(line.totalExcludingTax, line.quantity) : none),
  };
};

/** A credit note or a cancelling invoice with every line priced (`pricedLine`). */
export const withPricedLines = <D extends { lines: CreditNoteLine[] }>(order: Pick<Order, 'items' | 'pricesIncludeTax'>, document: D): Omit<D, 'lines'> & { lines: PricedCreditNoteLine[] } => ({
  ...document,
  lines: document.lines.map((line) => pricedLine(order, line)),
});
