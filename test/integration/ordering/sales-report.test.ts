import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#kernel/ids';
import { orderKeys, succeededRefundKeys } from '#ordering/adapters/keys';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createSalesRecords } from '#ordering/adapters/sales-records';
import { reportSales } from '#ordering/app/report-sales';
import type { Order } from '#ordering/domain/order';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { issueRefund } from '#returns/app/issue-refund';
import type { RefundDeps } from '#returns/app/ports';
import { settleRefund } from '#returns/app/settle-refund';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { fakePayments } from '../../fixtures/fake-payments';
import { aPendingOrder, putOrders, storeOrders } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';
import { commandsSentBy, freshTables } from '../../support/dynamo';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const minutes = (at: string, n: number) => new Date(Date.parse(at) + n * 60_000).toISOString();

/** An order of 2 × 12.00 (total 24.00 EUR), placed at `createdAt` and paid `waited` minutes later, now in `status`. */
const paidOrder = (id: string, createdAt: string, status: Order['status'] = 'paid', waited = 5, overrides: Partial<Order> = {}): Order =>
  aPendingOrder(id, {
    status,
    createdAt,
    updatedAt: createdAt,
    paidAt: minutes(createdAt, waited),
    paymentDueAt: minutes(createdAt, 30),
    invoiceNumber: `F2026-${id.slice(-6)}`,
    payment: { provider: 'stripe', paymentIntentId: `pi_${id}`, status: 'succeeded' },
    seller: aShop().seller!,
    ...overrides,
  });

/** An order stored as before GSI4: listed by status, whole, on GSI2 (a delivered order of then stays there). */
const storeAsBeforeGsi4 = (db: DocumentClient, table: string, order: Order) =>
  db.send(new PutCommand({ TableName: table, Item: { ...order, ...orderKeys(order.id), GSI2PK: `ORDER_STATUS#${order.status}`, GSI2SK: `${order.createdAt}#${order.id}` } }));

/** 130 orders delivered, paid on 2 March a few seconds apart: more than one page (100) of their status partition. */
const bulk = Array.from({ length: 130 }, (_, i) => paidOrder(`o-bulk-${String(i).padStart(6, '0')}`, new Date(Date.UTC(2026, 2, 2, 8, 0, i)).toISOString(), 'delivered'));

describe('the sales report over DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let refundAt: (at: string) => RefundDeps;
  const report = (from: string, to: string) => reportSales({ sales: createSalesRecords(db, table), shopCurrency: async () => 'EUR' }, { from, to });

  beforeAll(async () => {
    const fresh = await freshTables();
    db = fresh.db;
    table = fresh.names.domain;
    refundAt = (at) => ({ orders: createOrderRepository(db, table), store: createAfterSalesStore(db, table), clock: () => new Date(at), ids: newId, paymentGateway: fakePayments() });
    await storeOrders(db, table, [
      paidOrder('o-paid-000001', '2026-03-01T09:00:00.000Z'),
      // Days are Paris's (UTC+1 in March). Placed the evening before the range, paid in it after 80
      // minutes (00:20 in Paris): read, and counted on 1 March.
      paidOrder('o-window-000001', '2026-02-28T22:00:00.000Z', 'shipped', 80),
      // Paid a minute before the range, and a minute after it, in Paris: read, not counted.
      paidOrder('o-before-000001', '2026-02-28T22:54:00.000Z', 'paid', 5),
      paidOrder('o-after-000001', '2026-03-03T22:58:00.000Z', 'paid', 3),
      // Never paid: waiting, or cancelled at its deadline.
      aPendingOrder('o-pending-000001', { createdAt: '2026-03-01T10:00:00.000Z', paymentDueAt: '2026-03-01T10:30:00.000Z' }),
      aPendingOrder('o-expired-000001', { status: 'cancelled', createdAt: '2026-03-01T11:00:00.000Z', cancelledAt: '2026-03-01T11:31:00.000Z' }),
      // Paid, then cancelled and refunded before the ledger of refunds existed: its order tells it.
      paidOrder('o-cancelled-000001', '2026-03-03T08:00:00.000Z', 'cancelled', 5, {
        refunds: [{ id: 'r-cancel', amount: eur(2400), reason: 'Annulation', status: 'succeeded', createdAt: '2026-03-03T09:00:00.000Z', settledAt: '2026-03-03T09:00:01.000Z', lines: [] }],
      }),
      // Paid in January: their refunds in March are found in the ledger only.
      paidOrder('o-january-000001', '2026-01-15T10:00:00.000Z', 'delivered'),
      paidOrder('o-january-000002', '2026-01-20T10:00:00.000Z', 'delivered'),
      ...bulk,
    ]);
    await storeAsBeforeGsi4(db, table, paidOrder('o-legacy-000001', '2026-03-01T12:00:00.000Z', 'delivered'));
    // Refunded on 2 March; the second refund is failed by the bank on the 3rd.
    await issueRefund(refundAt('2026-03-02T10:00:00.000Z'), { orderId: 'o-january-000001', request: { id: 'r-january-1', reason: 'Geste commercial', amount: eur(1000) } }, 'c');
    await issueRefund(refundAt('2026-03-02T11:00:00.000Z'), { orderId: 'o-january-000002', request: { id: 'r-january-2', reason: 'Geste commercial', amount: eur(500) } }, 'c');
    await settleRefund(refundAt('2026-03-03T09:00:00.000Z'), { orderId: 'o-january-000002', refundId: 'r-january-2', status: 'failed', failureReason: 'expired_or_canceled_card' }, 'c');
    // The first is then shipped the rest: delivered again, in no refunded status partition.
    await putOrders(db, table, [{ ...(await createOrderRepository(db, table).get('o-january-000001'))!.order, status: 'delivered' }]);
  }, 60_000);

  it('counts the orders paid in the range, from every status partition and page after page, and none other', async () => {
    const sent = commandsSentBy(db);
    const sales = await report('2026-03-01', '2026-03-03');
    expect(sales.days).toEqual([
      // The order paid on the 1st, the one placed the evening before, the one listed on GSI2 since before GSI4.
      { date: '2026-03-01', orders: 3, units: 6, revenue: eur(7200), refunds: eur(0) },
      { date: '2026-03-02', orders: 130, units: 260, revenue: eur(312_000), refunds: eur(1000) },
      { date: '2026-03-03', orders: 1, units: 2, revenue: eur(2400), refunds: eur(2400) },
    ]);
    expect(sales.totals).toEqual({ orders: 134, units: 268, revenue: eur(321_600), refunds: eur(3400) });
    expect(sales.topProducts).toEqual([{ sku: 'PAID-1', name: 'Mug', units: 268, revenue: eur(321_600) }]);
    expect(sent).not.toContain('ScanCommand');
    expect(sent).toContain('BatchGetItemCommand');
    // 7 statuses × 2 indexes, one more page of the delivered partition of GSI4, and the ledger.
    expect(sent.filter((c) => c === 'QueryCommand')).toHaveLength(7 * 2 + 1 + 1);
  });

  it('finds the refunds that succeeded in the range, whenever their order was paid, and not one the bank failed since', async () => {
    expect((await report('2026-03-02', '2026-03-02')).totals).toEqual({ orders: 130, units: 260, revenue: eur(312_000), refunds: eur(1000) });
    expect((await report('2026-01-01', '2026-01-31')).totals).toEqual({ orders: 2, units: 4, revenue: eur(4800), refunds: eur(0) });
  });

  it("keeps the ledger with the refunds: an entry when one succeeds, none once the bank fails it", async () => {
    const entry = async (orderId: string, refundId: string) => (await db.send(new GetCommand({ TableName: table, Key: succeededRefundKeys(orderId, refundId), ConsistentRead: true }))).Item;
    expect(await entry('o-january-000001', 'r-january-1')).toMatchObject({ orderId: 'o-january-000001', amount: eur(1000), settledAt: '2026-03-02T10:00:00.000Z' });
    expect(await entry('o-january-000002', 'r-january-2')).toBeUndefined();
    // The order item itself is untouched by its ledger entries.
    expect((await createOrderRepository(db, table).get('o-january-000001'))?.order.refunds?.[0]).toMatchObject({ id: 'r-january-1', status: 'succeeded' });
  });

  it('answers a range with no sale with every day at zero', async () => {
    const empty = await report('2026-06-01', '2026-06-02');
    expect(empty.days.map((d) => [d.date, d.orders, d.revenue.amount, d.refunds.amount])).toEqual([
      ['2026-06-01', 0, 0, 0],
      ['2026-06-02', 0, 0, 0],
    ]);
    expect(empty.topProducts).toEqual([]);
  });
});
