import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { Order } from '#ordering/domain/order';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { issueRefund } from '#returns/app/issue-refund';
import { refundLineFor } from '#returns/domain/refund-amounts';
import type { RefundDeps } from '#returns/app/ports';
import { settleRefund } from '#returns/app/settle-refund';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { fakePayments } from '../../fixtures/fake-payments';
import { outboxOf } from '../../fixtures/outbox';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A paid, delivered, invoiced order of 2 × 12.00 (20 % VAT), sold by the configured seller. */
const invoiced = (id: string, sequence: number, overrides: Partial<Order> = {}): Order =>
  aPendingOrder(id, {
    status: 'delivered',
    invoiceNumber: `F2026-${String(sequence).padStart(6, '0')}`,
    paidAt: '2026-11-24T10:05:00.000Z',
    deliveredAt: '2026-11-27T09:00:00.000Z',
    payment: { provider: 'stripe', paymentIntentId: `pi_${id}`, status: 'succeeded' },
    seller: aShop().seller!,
    ...overrides,
  });

describe('credit notes of refunds, on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let deps: RefundDeps;
  let facts: ReturnType<typeof outboxOf>;
  const readOrder = async (id: string) => (await createOrderRepository(db, table).get(id))?.order;
  const counter = async (year: number) => (await db.send(new GetCommand({ TableName: table, Key: { PK: `COUNTER#credit-note#${year}`, SK: 'COUNTER' }, ConsistentRead: true }))).Item?.value;
  const issuedFor = async (orderId: string) => (await facts()).filter((f) => f.name === 'CreditNoteIssued' && f.data.orderId === orderId);

  beforeAll(async () => {
    const tables = await freshTables();
    db = tables.db;
    table = tables.names.domain;
    facts = outboxOf(db, table);
    deps = { orders: createOrderRepository(db, table), store: createAfterSalesStore(db, table), clock: () => new Date('2026-12-03T15:20:00.000Z'), ids: newId, paymentGateway: fakePayments() };
  });

  it('numbers the credit notes of 100 concurrent refunds across 100 orders A2026-000001 … A2026-000100, no gap, no duplicate', async () => {
    const orders = Array.from({ length: 100 }, (_, i) => invoiced(`order-many-${String(i).padStart(6, '0')}`, i + 1));
    await storeOrders(db, table, orders);
    const refunds = await Promise.all(
      orders.map((order, i) => issueRefund(deps, { orderId: order.id, request: { id: `refund-many-${i}`, reason: 'Geste commercial', amount: eur(500 + i) } }, 'c')),
    );
    expect(refunds.map((r) => r.status)).toEqual(Array(100).fill('succeeded'));
    const notes = [];
    for (const order of orders) {
      const stored = await readOrder(order.id);
      expect(stored).toMatchObject({ status: 'partially_refunded' });
      expect(stored?.creditNotes).toHaveLength(1);
      const note = stored!.creditNotes![0]!;
      // Each note is its own refund's: its number on the refund, its invoice, its amount.
      expect(stored?.refunds?.[0]?.creditNoteNumber).toBe(note.number);
      expect(note).toMatchObject({ invoiceNumber: order.invoiceNumber, invoiceDate: '2026-11-24T10:05:00.000Z', refundId: stored?.refunds?.[0]?.id });
      expect(note.totals.includingTax).toEqual(stored?.refunds?.[0]?.amount);
      notes.push(note.number);
    }
    expect([...notes].sort()).toEqual(Array.from({ length: 100 }, (_, i) => `A2026-${String(i + 1).padStart(6, '0')}`));
    expect(await counter(2026)).toBe(100);
    const published = (await facts()).filter((f) => f.name === 'CreditNoteIssued').map((f) => (f.data.creditNote as { number: string }).number);
    expect(published.sort()).toEqual([...notes].sort());
  }, 120_000);

  it('publishes CreditNoteIssued with the whole note: its lines, the delivery credited, VAT per rate and totals, as stored', async () => {
    const order = invoiced('order-cn-event', 950);
    await storeOrders(db, table, [order]);
    await issueRefund(deps, { orderId: order.id, request: { id: 'refund-cn-event', reason: 'Retour', lines: [refundLineFor(order, 'PAID-1', 1)] } }, 'c');
    const [note] = (await readOrder('order-cn-event'))!.creditNotes!;
    const [published] = await issuedFor('order-cn-event');
    expect(published?.data.creditNote).toEqual(note);
    expect(note).toMatchObject({
      lines: [{ sku: 'PAID-1', quantity: 1, unitPriceExcludingTax: eur(1000), vatRate: 20, totalExcludingTax: eur(1000), vat: eur(200), totalIncludingTax: eur(1200) }],
      shipping: eur(0),
      vatByRate: [{ rate: 20, base: eur(1000), vat: eur(200) }],
    });
  });

  it('issues one credit note for a refund Stripe reports succeeded twice (a duplicated webhook), even at the same time', async () => {
    await storeOrders(db, table, [invoiced('order-dup-000001', 901), invoiced('order-dup-000002', 902)]);
    const pending = { ...deps, paymentGateway: { ...fakePayments(), createRefund: async () => ({ refundId: 're_dup', status: 'pending' as const, amount: eur(2400) }) } };
    const before = Number(await counter(2026));
    for (const [orderId, refundId] of [['order-dup-000001', 'refund-dup-1'], ['order-dup-000002', 'refund-dup-2']] as const) {
      expect(await issueRefund(pending, { orderId, request: { id: refundId, reason: 'Retour' } }, 'c')).toMatchObject({ status: 'pending', amount: eur(2400) });
      expect((await readOrder(orderId))?.creditNotes).toBeUndefined();
    }
    const webhook = (orderId: string, refundId: string) => settleRefund(deps, { orderId, refundId, status: 'succeeded', stripeRefundId: 're_dup' }, 'c');
    // One after the other, then two at once.
    await webhook('order-dup-000001', 'refund-dup-1');
    await webhook('order-dup-000001', 'refund-dup-1');
    await Promise.all([webhook('order-dup-000002', 'refund-dup-2'), webhook('order-dup-000002', 'refund-dup-2')]);
    for (const orderId of ['order-dup-000001', 'order-dup-000002']) {
      const order = await readOrder(orderId);
      expect(order).toMatchObject({ status: 'refunded', refunds: [{ status: 'succeeded' }] });
      expect(order?.creditNotes).toHaveLength(1);
      expect(order?.creditNotes?.[0]?.totals).toEqual({ excludingTax: eur(2000), vat: eur(400), includingTax: eur(2400) });
      expect(await issuedFor(orderId)).toHaveLength(1);
    }
    // Two numbers taken, one each, none lost to the duplicates.
    expect(await counter(2026)).toBe(before + 2);
  });

  describe('credit-note dates that follow their numbers (CGI art. 242 nonies A: continuous and chronological)', () => {
    const goodwill = (clock: () => Date, orderId: string, refundId: string) =>
      issueRefund({ ...deps, clock }, { orderId, request: { id: refundId, reason: 'Geste commercial', amount: eur(500) } }, 'c');

    it('dates a credit note as the note before it when that one bears a later time than the clock', async () => {
      await db.send(new PutCommand({ TableName: table, Item: { PK: 'COUNTER#credit-note#2027', SK: 'COUNTER', value: 85, lastIssuedAt: '2027-01-05T10:00:14.038Z' } }));
      await storeOrders(db, table, [invoiced('order-chrono-late-clock', 960)]);
      const refund = await goodwill(() => new Date('2027-01-05T10:00:14.035Z'), 'order-chrono-late-clock', 'refund-chrono-late-clock');
      expect(refund).toMatchObject({ status: 'succeeded', creditNoteNumber: 'A2027-000086', settledAt: '2027-01-05T10:00:14.038Z' });
      const [note] = (await readOrder('order-chrono-late-clock'))!.creditNotes!;
      expect(note).toMatchObject({ number: 'A2027-000086', issuedAt: '2027-01-05T10:00:14.038Z' });
      expect((await issuedFor('order-chrono-late-clock'))[0]?.data.creditNote).toEqual(note);
      expect((await db.send(new GetCommand({ TableName: table, Key: { PK: 'COUNTER#credit-note#2027', SK: 'COUNTER' }, ConsistentRead: true }))).Item).toMatchObject({
        value: 86,
        lastIssuedAt: '2027-01-05T10:00:14.038Z',
      });
    });

    it('dates the credit notes of refunds settled at once, by a clock that goes back a second at each read, in the order of their numbers', async () => {
      const orders = Array.from({ length: 10 }, (_, i) => invoiced(`order-chrono-${String(i).padStart(6, '0')}`, 970 + i));
      await storeOrders(db, table, orders);
      let reads = 0;
      const backwards = () => new Date(Date.parse('2028-03-01T12:00:00.000Z') - 1000 * reads++);
      await Promise.all(orders.map((order, i) => goodwill(backwards, order.id, `refund-chrono-${i}`)));
      const notes = (await Promise.all(orders.map((order) => readOrder(order.id)))).map((o) => o!.creditNotes![0]!);
      notes.sort((a, b) => a.number.localeCompare(b.number));
      expect(notes.map((n) => n.number)).toEqual(Array.from({ length: 10 }, (_, i) => `A2028-${String(i + 1).padStart(6, '0')}`));
      expect(notes.map((n) => n.issuedAt)).toEqual(notes.map((n) => n.issuedAt).sort());
    });
  });

  it('issues none for the refund of an order never invoiced, and takes no number', async () => {
    await storeOrders(db, table, [invoiced('order-none-000001', 0, { invoiceNumber: null, seller: undefined })]);
    const before = await counter(2026);
    const refund = await issueRefund(deps, { orderId: 'order-none-000001', request: { id: 'refund-none-1', reason: 'Geste commercial', amount: eur(600) } }, 'c');
    expect(refund).toMatchObject({ status: 'succeeded', amount: eur(600) });
    expect(refund.creditNoteNumber).toBeUndefined();
    const order = await readOrder('order-none-000001');
    expect(order).toMatchObject({ status: 'partially_refunded', refunds: [{ id: 'refund-none-1', status: 'succeeded' }] });
    expect(order?.creditNotes).toBeUndefined();
    expect(await issuedFor('order-none-000001')).toEqual([]);
    expect((await facts()).some((f) => f.name === 'RefundIssued' && JSON.stringify(f.data).includes('refund-none-1'))).toBe(true);
    expect(await counter(2026)).toBe(before);
  });
});
