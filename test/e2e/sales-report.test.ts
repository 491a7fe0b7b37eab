import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { expectProblem, shopper, type Checkout } from './shop';
import { shopDay } from '#kernel/shop-time';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;
/** Paid, then refunded 10.00 by the shop. */
let paid: Checkout;
/** Placed, never paid. */
let unpaid: Checkout;

type Money = { amount: number; currency: string };
type Counts = { orders: number; units: number; revenue: Money; refunds: Money };
type SalesReport = { from: string; to: string; currency: string; days: (Counts & { date: string })[]; totals: Counts; topProducts: { sku: string; name: string; units: number; revenue: Money }[] };

/** The report's days are the shop's (Paris): after 23:00 UTC in winter, already the next day. */
const day = (at: Date) => shopDay(at);
const eur = (amount: number) => ({ amount, currency: 'EUR' });

beforeAll(async () => {
  runtime = await startTestRuntime({ chaos: false });
  shop = shopper(runtime);
  paid = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 2, 'MUG-ENAMEL-BLUE': 1 }))).body;
  expect(await shop.confirm(paid.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(paid, (o) => o.status === 'paid');
  const refund = await shop.api('POST', `/admin/orders/${paid.order.id}/refunds`, {
    body: { amount: eur(1000), reason: 'goodwill' },
    headers: { ...shop.admin, 'idempotency-key': 'sales-report-refund' },
  });
  expect(refund.status).toBe(201);
  unpaid = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 5 }))).body;
}, 120_000);
afterAll(() => runtime.stop());

const report = (query: string, headers: Record<string, string> = shop.admin) => shop.api<SalesReport>('GET', `/admin/reports/sales${query}`, { headers });

describe('the sales report over HTTP', () => {
  it("is for admins only: 401 without a token, 403 with a customer's", async () => {
    const customer = (await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub: 'c-sales-report' } })).body.token;
    expectProblem(await report('?from=2026-03-01&to=2026-03-01', {}), 401);
    expectProblem(await report('?from=2026-03-01&to=2026-03-01', { authorization: `Bearer ${customer}` }), 403);
  });

  it('shows the paid order on the day it was paid, with its revenue, units and refund; the unpaid one nowhere', async () => {
    const order = (await shop.api<{ paidAt: string; totals: { total: Money; shipping: Money } }>('GET', `/admin/orders/${paid.order.id}`, { headers: shop.admin })).body;
    const paidOn = day(new Date(order.paidAt));
    const now = new Date((await shop.api<{ now: string }>('GET', '/dev/clock')).body.now);
    const [from, to] = [day(new Date(now.getTime() - 86_400_000)), day(new Date(now.getTime() + 86_400_000))];

    const reply = await report(`?from=${from}&to=${to}`);
    expect(reply.status).toBe(200);
    const total = order.totals.total;
    expect(total.amount).toBe(paid.order.totals.total.amount);
    expect(reply.body.totals).toEqual({ orders: 1, units: 3, revenue: total, refunds: eur(1000) });
    expect(reply.body.days.map((d) => d.date)).toHaveLength(3);
    expect(reply.body.days.find((d) => d.date === paidOn)).toMatchObject({ orders: 1, units: 3, revenue: total });
    expect(reply.body.days.filter((d) => d.date !== paidOn).every((d) => d.orders === 0 && d.revenue.amount === 0)).toBe(true);
    expect(reply.body.topProducts.map((p) => [p.sku, p.units])).toEqual([
      ['BOOK-PETIT-PRINCE', 2],
      ['MUG-ENAMEL-BLUE', 1],
    ]);
    // What the lines brought in, and the delivery, make the total, to the cent.
    expect(reply.body.topProducts.reduce((n, p) => n + p.revenue.amount, 0) + order.totals.shipping.amount).toBe(total.amount);
    expect(reply.body).toMatchObject({ from, to, currency: 'EUR' });
    expect(Object.keys(reply.body).sort()).toEqual(['currency', 'days', 'from', 'to', 'topProducts', 'totals']);
    expect(JSON.stringify(reply.body)).not.toContain(unpaid.order.id);
    // Another currency: nothing was sold in it.
    expect((await report(`?from=${from}&to=${to}&currency=USD`)).body.totals).toEqual({ orders: 0, units: 0, revenue: { amount: 0, currency: 'USD' }, refunds: { amount: 0, currency: 'USD' } });
  });

  it('refuses days missing, impossible, out of order or more than 366 apart with a 400 naming the field', async () => {
    expectProblem(await report(''), 400, 'query.from');
    expectProblem(await report('?from=2026-03-01'), 400, 'query.to');
    expectProblem(await report('?from=2026-02-30&to=2026-03-01'), 400, 'query.from');
    expectProblem(await report('?from=2026-03-01&to=03/04/2026'), 400, 'query.to');
    expectProblem(await report('?from=2026-03-02&to=2026-03-01'), 400, 'query.to');
    expectProblem(await report('?from=2025-03-01&to=2026-03-02'), 400, 'query.to');
    expectProblem(await report('?from=9999-12-31&to=9999-12-31'), 400, 'query.to');
    expectProblem(await report('?from=2026-03-01&to=2026-03-01&currency=JPY'), 400, 'query.currency');
    expect((await report('?from=2025-03-01&to=2026-03-01')).status).toBe(200);
  });
});
