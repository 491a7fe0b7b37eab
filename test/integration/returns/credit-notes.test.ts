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
import { succeededRefundKeys } from '#ordering/adapters/keys';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { recordPaymentSucceeded } from '#payments/app/record-payment';
import { unconfiguredSettings } from '#settings/domain/settings';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const sum = (amounts: number[]) => amounts.reduce((n, a) => n + a, 0);

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
    // About 20 s alone; 100 transactions racing for one counter on DynamoDB Local, which runs them
    // one at a time, slow down many times over while other files load this 2-core machine (over
    // 120 s in one CI run): time is no part of what this test holds.
  }, 300_000);

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

  describe('a refund the bank fails after Stripe reported it succeeded', () => {
    const at = (time: string) => () => new Date(`2029-02-01T${time}.000Z`);
    const pay = (order: Order, clock: () => Date) =>
      recordPaymentSucceeded(
        { orderPayments: createOrderPayments(db, table, deps.orders), paymentGateway: fakePayments(), settings: async () => ({ ...unconfiguredSettings, seller: aShop().seller }), ids: newId, clock },
        { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400) },
        'c',
      );
    const bankFails = (orderId: string, refundId: string) =>
      settleRefund({ ...deps, clock: at('11:00:00') }, { orderId, refundId, status: 'failed', failureReason: 'expired_or_canceled_card' }, 'c');
    const ofOrder = async (name: string, orderId: string) => (await facts()).filter((f) => f.name === name && JSON.stringify(f.data).includes(orderId));

    it('cancels its credit note with an invoice of the invoice series, once however often the failure comes, numbered between the invoices around it', async () => {
      const [first, later] = [aPendingOrder('order-bank-fails'), aPendingOrder('order-paid-after')];
      await storeOrders(db, table, [first, later]);
      expect(await pay(first, at('10:00:00'))).toBe('paid');
      const refund = await issueRefund({ ...deps, clock: at('10:30:00') }, { orderId: first.id, request: { id: 'refund-bank-fails', reason: 'Retour' } }, 'c');
      expect(refund).toMatchObject({ status: 'succeeded', creditNoteNumber: 'A2029-000001', amount: eur(2400) });
      // Stripe's refund.failed webhook, delivered twice at once, then once more.
      await Promise.all([bankFails(first.id, refund.id), bankFails(first.id, refund.id)]);
      await bankFails(first.id, refund.id);
      expect(await pay(later, at('12:00:00'))).toBe('paid');

      const order = (await readOrder(first.id))!;
      const [note] = order.creditNotes!;
      expect(order).toMatchObject({ status: 'paid', invoiceNumber: 'F2029-000001', refunds: [{ id: refund.id, status: 'failed', creditNoteNumber: 'A2029-000001' }] });
      // The note stands; one invoice cancels it, restating exactly what it credited.
      expect(order.cancellingInvoices).toEqual([
        {
          number: 'F2029-000002',
          issuedAt: '2029-02-01T11:00:00.000Z',
          creditNoteNumber: 'A2029-000001',
          creditNoteDate: note!.issuedAt,
          invoiceNumber: 'F2029-000001',
          invoiceDate: '2029-02-01T10:00:00.000Z',
          refundId: refund.id,
          currency: 'EUR',
          lines: note!.lines,
          shipping: note!.shipping,
          vatByRate: note!.vatByRate,
          totals: note!.totals,
        },
      ]);
      // Invoices and the invoice cancelling the note share one series: no gap, no duplicate, in date order.
      expect((await readOrder(later.id))?.invoiceNumber).toBe('F2029-000003');
      const counter = (await db.send(new GetCommand({ TableName: table, Key: { PK: 'COUNTER#invoice#2029', SK: 'COUNTER' }, ConsistentRead: true }))).Item;
      expect(counter).toMatchObject({ value: 3, lastIssuedAt: '2029-02-01T12:00:00.000Z' });
      const cancelled = await ofOrder('CreditNoteCancelled', first.id);
      expect(cancelled.map((f) => f.data)).toEqual([{ orderId: first.id, orderNumber: first.number, cancellingInvoice: order.cancellingInvoices![0] }]);
      expect(await ofOrder('RefundFailed', first.id)).toHaveLength(1);
      // The sales report's ledger no longer counts the refund.
      expect((await db.send(new GetCommand({ TableName: table, Key: succeededRefundKeys(first.id, refund.id), ConsistentRead: true }))).Item).toBeUndefined();
    });

    it('lets the amount be refunded again, with a new credit note: the notes less the cancelling invoices are what was refunded', async () => {
      const order = aPendingOrder('order-refunded-again');
      await storeOrders(db, table, [order]);
      await pay(order, at('10:00:00'));
      const failed = await issueRefund({ ...deps, clock: at('10:30:00') }, { orderId: order.id, request: { id: 'refund-failed-first', reason: 'Retour' } }, 'c');
      await bankFails(order.id, failed.id);
      const again = await issueRefund({ ...deps, clock: at('11:30:00') }, { orderId: order.id, request: { id: 'refund-again', reason: 'Retour' } }, 'c');
      expect(again).toMatchObject({ status: 'succeeded', amount: eur(2400) });
      const stored = (await readOrder(order.id))!;
      expect(stored.status).toBe('refunded');
      const credited = sum(stored.creditNotes!.map((n) => n.totals.includingTax.amount)) - sum(stored.cancellingInvoices!.map((i) => i.totals.includingTax.amount));
      expect(credited).toBe(2400);
      expect(stored.cancellingInvoices!.map((i) => i.creditNoteNumber)).toEqual([failed.creditNoteNumber]);
    });

    it('issues no cancelling invoice, and takes no invoice number, for a refund that failed before any credit note', async () => {
      const order = invoiced('order-failed-pending', 990);
      await storeOrders(db, table, [order]);
      const pending = { ...deps, paymentGateway: { ...fakePayments(), createRefund: async () => ({ refundId: 're_pending', status: 'pending' as const, amount: eur(2400) }) } };
      await issueRefund(pending, { orderId: order.id, request: { id: 'refund-failed-pending', reason: 'Retour' } }, 'c');
      const invoiceCounter = async () => (await db.send(new GetCommand({ TableName: table, Key: { PK: 'COUNTER#invoice#2026', SK: 'COUNTER' }, ConsistentRead: true }))).Item?.value;
      const before = await invoiceCounter();
      await settleRefund(deps, { orderId: order.id, refundId: 'refund-failed-pending', status: 'failed', failureReason: 'insufficient_funds' }, 'c');
      const stored = (await readOrder(order.id))!;
      expect(stored.refunds).toMatchObject([{ status: 'failed' }]);
      expect(stored.cancellingInvoices).toBeUndefined();
      expect(await ofOrder('CreditNoteCancelled', order.id)).toEqual([]);
      expect(await invoiceCounter()).toBe(before);
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
