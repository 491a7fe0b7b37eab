import type { Currency } from '#kernel/money';
import { paidStatuses, periodBounds, placedWindow, salesTally, type SalesReport } from '../domain/sales-report';
import type { SalesRecords } from './ports';

export interface SalesReportQuery {
  /** Days `YYYY-MM-DD` of the shop's calendar, both included: the query schema has checked they are days, in order, at most 366. */
  from: string;
  to: string;
  currency?: Currency;
}

/**
 * The back office's sales report (what counts: `salesTally`). Input: the days, and a currency
 * (the shop's when not given). Output: each day's orders, units, revenue and refunds, with zeros
 * on days without any, their totals, and the top products.
 * 1. The orders placed from the longest payment wait before the first day to the end of the last,
 *    in every status a paid order may be in (each status partition of the status index), are read
 *    a page at a time and counted as they come; those paid in the range count.
 * 2. At the same time, the refunds that succeeded in the range are read from their ledger: those
 *    of orders paid long before count too; each refund counts once.
 */
export const reportSales = async (deps: { sales: SalesRecords; shopCurrency: () => Promise<Currency> }, query: SalesReportQuery): Promise<SalesReport> => {
  const period = { from: query.from, to: query.to, currency: query.currency ?? (await deps.shopCurrency()) };
  const tally = salesTally(period);
  await Promise.all([
    deps.sales.eachOrderPlaced(placedWindow(period), paidStatuses, (orders) => orders.forEach(tally.order)),
    deps.sales.eachRefundSucceeded(periodBounds(period), (refunds) => refunds.forEach(tally.refund)),
  ]);
  return tally.report();
};
