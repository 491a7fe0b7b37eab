import type { Currency, Money } from '#kernel/money';
import { shopDay, shopDayStart } from '#kernel/shop-time';
import type { OrderRefund } from './after-sales';
import { transitions, type Order, type OrderLine, type OrderStatus } from './order';

/**
 * The back office's sales report, day by day over the shop's calendar (Paris: the days its
 * invoices and credit notes are dated, and their series' years). What counts, precisely:
 * - An order counts once, on the day it was paid (`paidAt`), whatever became of it since
 *   (shipped, refunded, cancelled after payment). An order never paid (pending, or cancelled
 *   unpaid) never counts.
 * - Its revenue is what was paid: the order total, tax and delivery included (`totals.total`).
 * - Its units are the units of its lines, physical and digital.
 * - Refunds count on the day they succeeded (`settledAt`), whenever their order was paid (a
 *   refund in the range may be of an order paid long before). One the bank failed since is no
 *   refund, and one still pending is not one yet.
 * - Top products: the 10 with the most units among the orders paid in the range, then the most
 *   revenue, then by sku. A product's revenue is what its lines cost their buyers: the line less
 *   its share of the discount, tax included (added when the shop's prices were without it), delivery
 *   not included. Its name is the one of its latest sale.
 * - Only orders and refunds in the report's currency; every amount is integer minor units.
 */

/** Days `YYYY-MM-DD` of the shop's calendar, both included, and the one currency the report is in. */
export interface SalesPeriod {
  from: string;
  to: string;
  currency: Currency;
}

/** A refund that succeeded, as its ledger lists it (see the port `SalesRecords`). */
export interface SucceededRefund {
  id: string;
  orderId: string;
  amount: Money;
  settledAt: string;
}

interface Counts {
  orders: number;
  units: number;
  revenue: Money;
  refunds: Money;
}

export interface SalesReport extends SalesPeriod {
  days: (Counts & { date: string })[];
  totals: Counts;
  topProducts: { sku: string; name: string; units: number; revenue: Money }[];
}

/** A report covers at most a leap year. */
export const MAX_REPORT_DAYS = 366;
export const TOP_PRODUCTS = 10;

const DAY_MS = 86_400_000;

/**
 * The longest an order waits between being placed and being paid: the payment deadline is at
 * most 24 hours (settings' `paymentTimeoutMinutes`), and the expiry schedule cancels an order
 * past it within minutes. A day more of margin, in case that schedule stalled. The report reads
 * the orders placed from this long before its first day (the status index sorts them by creation):
 * one paid later than that after it was placed is not counted.
 */
export const LONGEST_PAYMENT_WAIT_MS = 2 * DAY_MS;

const startOf = (day: string) => Date.parse(`${day}T00:00:00.000Z`);


/** The number of days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysIn = (from: string, to: string) => Math.max(0, Math.round((startOf(to) - startOf(from)) / DAY_MS) + 1);

/** The instants the period covers: from its first day's midnight in Paris to the midnight that ends its last. */
export const periodBounds = (period: Pick<SalesPeriod, 'from' | 'to'>) => ({
  from: shopDayStart(period.from),
  to: shopDayStart(new Date(startOf(period.to) + DAY_MS).toISOString().slice(0, 10)),
});

/** When the orders that may have been paid in the period were placed: up to the longest wait before it. */
export const placedWindow = (period: Pick<SalesPeriod, 'from' | 'to'>) => {
  const bounds = periodBounds(period);
  return { from: new Date(bounds.from.getTime() - LONGEST_PAYMENT_WAIT_MS), to: bounds.to };
};

/** Every status an order may be in once paid: `paid` and all the state machine leads to from it. */
export const paidStatuses: readonly OrderStatus[] = (() => {
  const found = new Set<OrderStatus>(['paid']);
  for (const status of found) for (const next of transitions[status]) found.add(next);
  return [...found];
})();

/** What a line brought in: its price less its share of the discount, with the tax added when prices were without it. */
const lineRevenue = (line: OrderLine, pricesIncludeTax: boolean) => line.lineTotal.amount - line.discount.amount + (pricesIncludeTax ? 0 : line.tax.amount);

/**
 * Counts orders and refunds as they come, in any order and any number of times: the report holds
 * tallies (one per day, one per product), never the orders. An order read whole says what became
 * of its refunds, and its word wins over the ledger's (an index may show a change a moment late).
 */
export const salesTally = (period: SalesPeriod) => {
  const days = new Map<string, { orders: number; units: number; revenue: number }>();
  for (let at = startOf(period.from); at <= startOf(period.to); at += DAY_MS) {
    days.set(new Date(at).toISOString().slice(0, 10), { orders: 0, units: 0, revenue: 0 });
  }
  const products = new Map<string, { name: string; soldAt: string; units: number; revenue: number }>();
  const ordersCounted = new Set<string>();
  /** Each refund met, by id: the day it counts on (undefined: it does not), and whether an order said so. */
  const refunds = new Map<string, { day?: string; amount: number; fromOrder: boolean }>();

  const dayIn = (at: string | undefined) => (at !== undefined && days.has(shopDay(at)) ? shopDay(at) : undefined);

  const countOrderRefund = (refund: OrderRefund, currency: Currency) => {
    const counts = refund.status === 'succeeded' && currency === period.currency;
    refunds.set(refund.id, { day: counts ? dayIn(refund.settledAt ?? refund.createdAt) : undefined, amount: refund.amount.amount, fromOrder: true });
  };

  const countOrder = (order: Order) => {
    for (const refund of order.refunds ?? []) countOrderRefund(refund, order.currency);
    const day = order.currency === period.currency ? dayIn(order.paidAt) : undefined;
    if (day === undefined || ordersCounted.has(order.id)) return;
    ordersCounted.add(order.id);
    const tally = days.get(day)!;
    tally.orders += 1;
    tally.revenue += order.totals.total.amount;
    for (const line of order.items) {
      tally.units += line.quantity;
      const product = products.get(line.sku) ?? { name: line.name, soldAt: order.paidAt!, units: 0, revenue: 0 };
      product.units += line.quantity;
      product.revenue += lineRevenue(line, order.pricesIncludeTax);
      if (order.paidAt! >= product.soldAt) Object.assign(product, { name: line.name, soldAt: order.paidAt! });
      products.set(line.sku, product);
    }
  };

  const countRefund = (refund: SucceededRefund) => {
    if (refunds.get(refund.id)?.fromOrder) return;
    const day = refund.amount.currency === period.currency ? dayIn(refund.settledAt) : undefined;
    refunds.set(refund.id, { day, amount: refund.amount.amount, fromOrder: false });
  };

  const report = (): SalesReport => {
    const money = (amount: number): Money => ({ amount, currency: period.currency });
    const refunded = new Map<string, number>();
    for (const { day, amount } of refunds.values()) if (day !== undefined) refunded.set(day, (refunded.get(day) ?? 0) + amount);
    const daily = [...days].map(([date, t]) => ({ date, orders: t.orders, units: t.units, revenue: money(t.revenue), refunds: money(refunded.get(date) ?? 0) }));
    const total = (pick: (d: (typeof daily)[number]) => number) => daily.reduce((n, d) => n + pick(d), 0);
    const topProducts = [...products]
      .sort(([skuA, a], [skuB, b]) => b.units - a.units || b.revenue - a.revenue || (skuA < skuB ? -1 : skuA > skuB ? 1 : 0))
      .slice(0, TOP_PRODUCTS)
      .map(([sku, p]) => ({ sku, name: p.name, units: p.units, revenue: money(p.revenue) }));
    return {
      ...period,
      days: daily,
      totals: {
        orders: total((d) => d.orders),
        units: total((d) => d.units),
        revenue: money(total((d) => d.revenue.amount)),
        refunds: money(total((d) => d.refunds.amount)),
      },
      topProducts,
    };
  };

  return { order: countOrder, refund: countRefund, report };
};
