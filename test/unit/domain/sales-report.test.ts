import { describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import { SalesReportQuerySchema } from '#ordering/contracts/admin-http';
import type { OrderRefund } from '#ordering/domain/after-sales';
import type { Order, OrderLine } from '#ordering/domain/order';
import { paidStatuses, periodBounds, placedWindow, salesTally, type SalesPeriod, type SucceededRefund } from '#ordering/domain/sales-report';
import { parseInput } from '#runtime/validate';
import { aPendingOrder } from '../../fixtures/orders';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const march: SalesPeriod = { from: '2026-03-01', to: '2026-03-03', currency: 'EUR' };

/** A line of `quantity` units at `unitPrice`, tax-inclusive at 20 %, with its share of a discount. */
const line = (sku: string, quantity: number, unitPrice: number, discount = 0, name = `Product ${sku}`): OrderLine => {
  const taxable = unitPrice * quantity - discount;
  return {
    sku,
    name,
    type: 'physical',
    taxCategory: 'standard',
    unitPrice: eur(unitPrice),
    quantity,
    lineTotal: eur(unitPrice * quantity),
    discount: eur(discount),
    taxRate: 2000,
    tax: eur(Math.round(taxable / 6)),
  };
};

/** An order paid at `paidAt`, of `lines`, whose total is `total` (given: totals are the server's, not recomputed here). */
const paid = (id: string, paidAt: string, total: number, lines: OrderLine[] = [line('MUG', 1, total)], overrides: Partial<Order> = {}): Order =>
  aPendingOrder(id, {
    status: 'paid',
    paidAt,
    invoiceNumber: `F2026-${id}`,
    items: lines,
    totals: { subtotal: eur(total), discount: eur(0), shipping: eur(0), tax: eur(0), total: eur(total) },
    createdAt: new Date(Date.parse(paidAt) - 60_000).toISOString(),
    ...overrides,
  });

const refund = (id: string, amount: number, status: OrderRefund['status'], settledAt?: string): OrderRefund => ({
  id,
  amount: eur(amount),
  reason: 'Geste commercial',
  status,
  createdAt: settledAt ?? '2026-03-02T09:00:00.000Z',
  lines: [],
  ...(settledAt && { settledAt }),
});

const reportOf = (period: SalesPeriod, orders: Order[], ledger: SucceededRefund[] = []) => {
  const tally = salesTally(period);
  orders.forEach(tally.order);
  ledger.forEach(tally.refund);
  return tally.report();
};

const zero = { orders: 0, units: 0, revenue: eur(0), refunds: eur(0) };

describe('the sales report', () => {
  it('lists every day of the range, with zeros on the days nothing sold', () => {
    const report = reportOf(march, [paid('o1', '2026-03-02T10:00:00.000Z', 2400, [line('MUG', 2, 1200)])]);
    expect(report).toEqual({
      from: '2026-03-01',
      to: '2026-03-03',
      currency: 'EUR',
      days: [
        { date: '2026-03-01', ...zero },
        { date: '2026-03-02', orders: 1, units: 2, revenue: eur(2400), refunds: eur(0) },
        { date: '2026-03-03', ...zero },
      ],
      totals: { orders: 1, units: 2, revenue: eur(2400), refunds: eur(0) },
      topProducts: [{ sku: 'MUG', name: 'Product MUG', units: 2, revenue: eur(2400) }],
    });
    expect(reportOf({ ...march, to: '2026-03-01' }, []).days).toEqual([{ date: '2026-03-01', ...zero }]);
  });

  it('counts an order on the day it was paid in Paris (the day its invoice bears), not the day it was placed, and only if paid in the range', () => {
    // March 2026 is winter time: Paris is UTC+1, its days begin at 23:00 UTC the day before.
    const report = reportOf(march, [
      // Placed on the last evening of February, paid after midnight in Paris: a March sale.
      paid('o-night', '2026-02-28T23:10:00.000Z', 1000, undefined, { createdAt: '2026-02-28T22:50:00.000Z' }),
      paid('o-before', '2026-02-28T22:59:59.999Z', 5000),
      paid('o-last', '2026-03-03T22:59:59.999Z', 700),
      // 23:00 UTC on 3 March is 4 March in Paris, as its invoice is dated: outside the range.
      paid('o-after', '2026-03-03T23:00:00.000Z', 9000),
    ]);
    expect(report.days.map((d) => [d.date, d.orders, d.revenue.amount])).toEqual([
      ['2026-03-01', 1, 1000],
      ['2026-03-02', 0, 0],
      ['2026-03-03', 1, 700],
    ]);
  });

  it('adds revenue to the cent: the totals paid, tax and delivery included', () => {
    const withShipping = paid('o1', '2026-03-01T09:00:00.000Z', 2889, [line('BOOK', 1, 1999)], {
      totals: { subtotal: eur(1999), discount: eur(0), shipping: eur(890), tax: eur(481), total: eur(2889) },
    });
    const report = reportOf(march, [withShipping, paid('o2', '2026-03-01T10:00:00.000Z', 1), paid('o3', '2026-03-02T11:00:00.000Z', 10_001)]);
    expect(report.days[0]).toMatchObject({ orders: 2, revenue: eur(2890) });
    expect(report.totals).toEqual({ orders: 3, units: 3, revenue: eur(12_891), refunds: eur(0) });
  });

  it('never counts an order that was not paid: pending, or cancelled unpaid; one cancelled after payment counts, with its refund', () => {
    const pending = aPendingOrder('o-pending', { createdAt: '2026-03-01T10:00:00.000Z' });
    const expired = aPendingOrder('o-expired', { status: 'cancelled', createdAt: '2026-03-01T10:00:00.000Z', cancelledAt: '2026-03-01T10:30:00.000Z' });
    const cancelledAfterPayment = paid('o-cancelled', '2026-03-01T11:00:00.000Z', 3000, undefined, {
      status: 'cancelled',
      refunds: [refund('r-cancel', 3000, 'succeeded', '2026-03-01T12:00:00.000Z')],
    });
    const report = reportOf(march, [pending, expired, cancelledAfterPayment]);
    expect(report.totals).toEqual({ orders: 1, units: 1, revenue: eur(3000), refunds: eur(3000) });
  });

  it('counts the refunds that succeeded in the range on their day, whenever their order was paid; not pending, failed or other days', () => {
    const paidInFebruary = paid('o-feb', '2026-02-10T10:00:00.000Z', 5000, undefined, {
      status: 'partially_refunded',
      refunds: [
        refund('r-in', 1234, 'succeeded', '2026-03-03T08:00:00.000Z'),
        refund('r-earlier', 1000, 'succeeded', '2026-02-20T08:00:00.000Z'),
        refund('r-failed', 500, 'failed', '2026-03-02T08:00:00.000Z'),
        refund('r-pending', 700, 'pending'),
      ],
    });
    const paidInMarch = paid('o-mar', '2026-03-01T10:00:00.000Z', 2000, undefined, {
      refunds: [refund('r-later', 2000, 'succeeded', '2026-03-04T00:00:00.000Z'), refund('r-same-day', 1, 'succeeded', '2026-03-01T22:59:00.000Z')],
    });
    const report = reportOf(march, [paidInFebruary, paidInMarch]);
    expect(report.days.map((d) => d.refunds.amount)).toEqual([1, 0, 1234]);
    expect(report.totals).toMatchObject({ orders: 1, revenue: eur(2000), refunds: eur(1235) });
  });

  it("counts the ledger's refunds of orders it never read, each refund once; an order read says what became of its refunds", () => {
    const ledger: SucceededRefund[] = [
      { id: 'r-old-order', orderId: 'o-2025', amount: eur(4000), settledAt: '2026-03-02T10:00:00.000Z' },
      { id: 'r-both', orderId: 'o-read', amount: eur(300), settledAt: '2026-03-02T11:00:00.000Z' },
      // The bank failed it since: the ledger's index has not caught up, the order has.
      { id: 'r-failed-since', orderId: 'o-read', amount: eur(50), settledAt: '2026-03-02T12:00:00.000Z' },
      { id: 'r-usd', orderId: 'o-usd', amount: { amount: 999, currency: 'USD' }, settledAt: '2026-03-02T12:00:00.000Z' },
    ];
    const read = paid('o-read', '2026-03-01T10:00:00.000Z', 2000, undefined, {
      refunds: [refund('r-both', 300, 'succeeded', '2026-03-02T11:00:00.000Z'), refund('r-failed-since', 50, 'failed', '2026-03-02T13:00:00.000Z')],
    });
    // The ledger first, then the order, and the other way round: the same report.
    const tally = salesTally(march);
    ledger.forEach(tally.refund);
    tally.order(read);
    expect(tally.report()).toEqual(reportOf(march, [read], ledger));
    expect(tally.report().totals.refunds).toEqual(eur(4300));
  });

  it('counts an order met twice (listed in two partitions while it moved) once', () => {
    const order = paid('o1', '2026-03-01T10:00:00.000Z', 2400, [line('MUG', 2, 1200)]);
    const report = reportOf(march, [order, { ...order, status: 'shipped' }]);
    expect(report.totals).toEqual({ orders: 1, units: 2, revenue: eur(2400), refunds: eur(0) });
  });

  it('counts only orders and refunds in its currency', () => {
    const usd = paid('o-usd', '2026-03-01T10:00:00.000Z', 1500, undefined, { currency: 'USD', refunds: [refund('r-usd', 100, 'succeeded', '2026-03-01T11:00:00.000Z')] });
    expect(reportOf(march, [usd]).totals).toEqual({ orders: 0, units: 0, revenue: eur(0), refunds: eur(0) });
    expect(reportOf({ ...march, currency: 'USD' }, [usd]).totals).toEqual({ orders: 1, units: 1, revenue: { amount: 1500, currency: 'USD' }, refunds: { amount: 100, currency: 'USD' } });
  });

  it('ranks the top 10 products by units, then revenue, then sku; revenue after discount, tax included; the name of the latest sale', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line(`SKU-${String(i).padStart(2, '0')}`, 1, 100));
    const report = reportOf(march, [
      paid('o1', '2026-03-01T10:00:00.000Z', 0, [...lines(12), line('TEA', 3, 1000, 300, 'Thé vert'), line('MUG', 3, 1200, 0, 'Mug')]),
      paid('o2', '2026-03-02T10:00:00.000Z', 0, [line('TEA', 2, 1000, 0, 'Thé vert bio'), line('CUP', 5, 10)]),
      // Prices without tax: the line's tax is added to what it brought in.
      paid('o3', '2026-03-03T10:00:00.000Z', 0, [{ ...line('PEN', 4, 250), tax: eur(200) }], { pricesIncludeTax: false }),
    ]);
    expect(report.topProducts).toHaveLength(10);
    expect(report.topProducts.slice(0, 5)).toEqual([
      { sku: 'TEA', name: 'Thé vert bio', units: 5, revenue: eur(4700) },
      { sku: 'CUP', name: 'Product CUP', units: 5, revenue: eur(50) },
      { sku: 'PEN', name: 'Product PEN', units: 4, revenue: eur(1200) },
      { sku: 'MUG', name: 'Mug', units: 3, revenue: eur(3600) },
      { sku: 'SKU-00', name: 'Product SKU-00', units: 1, revenue: eur(100) },
    ]);
    expect(report.topProducts.at(-1)?.sku).toBe('SKU-05');
  });
});

describe('what the sales report reads', () => {
  it('every status a paid order may be in, from the state machine: all but pending_payment', () => {
    expect([...paidStatuses].sort()).toEqual(['cancelled', 'delivered', 'paid', 'partially_refunded', 'partially_shipped', 'refunded', 'shipped']);
  });

  it('the orders placed from two days before its first day (the longest wait for a payment) to the end of its last', () => {
    // Paris midnights: 1 March begins at 23:00 UTC on 28 February, 4 March at 23:00 UTC on 3 March.
    expect(placedWindow(march)).toEqual({ from: new Date('2026-02-26T23:00:00.000Z'), to: new Date('2026-03-03T23:00:00.000Z') });
    // Summer time: 1 July begins at 22:00 UTC on 30 June.
    expect(periodBounds({ from: '2026-07-01', to: '2026-07-01' })).toEqual({ from: new Date('2026-06-30T22:00:00.000Z'), to: new Date('2026-07-01T22:00:00.000Z') });
  });
});

describe("the sales report's query", () => {
  const pathsOf = (query: Record<string, string>) => {
    try {
      parseInput(SalesReportQuerySchema, query, 'query');
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.errors.map((e) => e.path);
    }
  };

  it('takes two UTC days in order, at most 366 of them (a leap year), and a currency', () => {
    expect(parseInput(SalesReportQuerySchema, { from: '2024-01-01', to: '2024-12-31' }, 'query')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(pathsOf({ from: '2026-03-01', to: '2026-03-01', currency: 'USD' })).toEqual([]);
    expect(pathsOf({ from: '2025-03-01', to: '2026-03-01' })).toEqual([]);
  });

  it('names the field at fault: a missing or impossible day, days out of order, more than 366 days, an unknown currency or field', () => {
    expect(pathsOf({ to: '2026-03-01' })).toEqual(['query.from']);
    expect(pathsOf({ from: '2026-03-01' })).toEqual(['query.to']);
    expect(pathsOf({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['query.from']);
    expect(pathsOf({ from: '2026-03-01', to: '2026-3-1' })).toEqual(['query.to']);
    expect(pathsOf({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['query.to']);
    // Its end would be in year 10000, an instant no sort key can hold in order.
    expect(pathsOf({ from: '9999-12-30', to: '9999-12-31' })).toEqual(['query.to']);
    expect(pathsOf({ from: '9999-12-29', to: '9999-12-30' })).toEqual([]);
    expect(pathsOf({ from: '2025-03-01', to: '2026-03-02' })).toEqual(['query.to']);
    expect(pathsOf({ from: '2026-03-01', to: '2026-03-01', currency: 'JPY' })).toEqual(['query.currency']);
    expect(pathsOf({ from: '2026-03-01', to: '2026-03-01', limit: '10' })).toEqual(['query.limit']);
  });
});
