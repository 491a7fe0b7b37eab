import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { Order, OrderLine } from '#ordering/domain/order';
import type { RefundView } from '#payments/index';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { issueRefund } from '#returns/app/issue-refund';
import type { ExternalRefundDeps } from '#returns/app/ports';
import { recordExternalRefund } from '#returns/app/record-external-refund';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { fakePayments } from '../../fixtures/fake-payments';
import { outboxOf } from '../../fixtures/outbox';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A paid, delivered, invoiced order of 2 × 12.00 (20 % VAT), paid by its PaymentIntent `pi_<id>`. */
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

const line = (sku: string, unit: number, taxRate: number, tax: number): OrderLine => ({
  sku,
  name: sku,
  type: 'physical',
  taxCategory: 'standard',
  unitPrice: eur(unit),
  quantity: 1,
  lineTotal: eur(unit),
  discount: eur(0),
  taxRate,
  tax: eur(tax),
});

/** Stripe's refunds, as `retrieveRefund` reads them now: each names its PaymentIntent and the order in its metadata. */
const stripeHolds = (refunds: Record<string, RefundView>) => ({
  ...fakePayments(),
  retrieveRefund: async (id: string) => {
    const refund = refunds[id];
    if (!refund) throw new Error(`no refund ${id} in this test`);
    return refund;
  },
});
const madeInStripe = (id: string, orderId: string, amount: number, status: RefundView['status'] = 'succeeded'): RefundView => ({
  refundId: id,
  status,
  amount: eur(amount),
  paymentIntentId: `pi_${orderId}`,
  orderId,
});

describe('refunds made in Stripe (its dashboard), recorded from what Stripe reports, on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let base: Omit<ExternalRefundDeps, 'paymentGateway'>;
  let facts: ReturnType<typeof outboxOf>;
  const readOrder = async (id: string) => (await createOrderRepository(db, table).get(id))?.order;
  const counter = async () => Number((await db.send(new GetCommand({ TableName: table, Key: { PK: 'COUNTER#credit-note#2026', SK: 'COUNTER' }, ConsistentRead: true }))).Item?.value ?? 0);
  const factsOf = async (orderId: string) =>
    (await facts()).filter((f) => f.data.orderId === orderId || (f.data.order as { id?: string } | undefined)?.id === orderId).map((f) => f.name);

  beforeAll(async () => {
    const tables = await freshTables();
    db = tables.db;
    table = tables.names.domain;
    facts = outboxOf(db, table);
    base = { orders: createOrderRepository(db, table), store: createAfterSalesStore(db, table), clock: () => new Date('2026-12-03T15:20:00.000Z'), ids: newId };
  });

  it('records one refund and issues one credit note, however often and in whatever overlap Stripe reports it', async () => {
    await storeOrders(db, table, [invoiced('order-ext-000001', 1001), invoiced('order-ext-000002', 1002)]);
    const deps = { ...base, paymentGateway: stripeHolds({ re_one: madeInStripe('re_one', 'order-ext-000001', 1000), re_two: madeInStripe('re_two', 'order-ext-000002', 1000) }) };
    const before = await counter();
    // One report after the other (refund.created, then charge.refund.updated), then three at once.
    await recordExternalRefund(deps, 're_one', 'c');
    await recordExternalRefund(deps, 're_one', 'c');
    await Promise.all([recordExternalRefund(deps, 're_two', 'c'), recordExternalRefund(deps, 're_two', 'c'), recordExternalRefund(deps, 're_two', 'c')]);
    for (const [orderId, stripeRefundId] of [['order-ext-000001', 're_one'], ['order-ext-000002', 're_two']] as const) {
      const order = await readOrder(orderId);
      expect(order).toMatchObject({
        status: 'partially_refunded',
        refunds: [{ id: `rf-stripe-${stripeRefundId}`, amount: eur(1000), status: 'succeeded', stripeRefundId, external: true, reason: 'Refunded in Stripe, outside the API' }],
      });
      expect(order?.refunds).toHaveLength(1);
      expect(order?.creditNotes).toHaveLength(1);
      expect(order?.creditNotes?.[0]).toMatchObject({ refundId: `rf-stripe-${stripeRefundId}`, totals: { includingTax: eur(1000) }, vatByRate: [{ rate: 20, vat: eur(167) }] });
      expect((await factsOf(orderId)).sort()).toEqual(['CreditNoteIssued', 'RefundIssued']);
    }
    const issued = (await facts()).find((f) => f.name === 'RefundIssued' && (f.data.order as { id: string }).id === 'order-ext-000001');
    expect(issued?.data.refund).toMatchObject({ id: 'rf-stripe-re_one', external: true, status: 'succeeded' });
    expect(await counter()).toBe(before + 2);
  });

  it('the credit notes of an order refunded in full in Stripe cancel what its invoice stated at each VAT rate, to the cent', async () => {
    // 10.99 at 10 %, 19.99 at 20 %, tax included; 4.90 of delivery split over both rates.
    const order = invoiced('order-ext-000003', 1003, {
      items: [line('INT', 1_099, 1000, 100), line('STD', 1_999, 2000, 333)],
      totals: { subtotal: eur(3_098), discount: eur(0), shipping: eur(490), tax: eur(502), total: eur(3_588) },
      taxBreakdown: [
        { rate: 2000, base: eur(1_929), tax: eur(386) },
        { rate: 1000, base: eur(1_157), tax: eur(116) },
      ],
    });
    await storeOrders(db, table, [order]);
    const deps = { ...base, paymentGateway: stripeHolds({ re_part: madeInStripe('re_part', order.id, 1_000), re_rest: madeInStripe('re_rest', order.id, 2_588) }) };
    await recordExternalRefund(deps, 're_part', 'c');
    await recordExternalRefund(deps, 're_rest', 'c');
    const stored = await readOrder(order.id);
    expect(stored?.status).toBe('refunded');
    expect(stored?.creditNotes).toHaveLength(2);
    const credited = (rate: number) => {
      const at = stored!.creditNotes!.flatMap((n) => n.vatByRate).filter((r) => r.rate === rate / 100);
      return { base: eur(at.reduce((n, r) => n + r.base.amount, 0)), tax: eur(at.reduce((n, r) => n + r.vat.amount, 0)) };
    };
    for (const t of order.taxBreakdown) expect({ rate: t.rate, ...credited(t.rate) }).toEqual({ rate: t.rate, base: t.base, tax: t.tax });
  });

  it('changes nothing for a refund Stripe says failed or was canceled before we heard of it', async () => {
    await storeOrders(db, table, [invoiced('order-ext-000004', 1004)]);
    const deps = { ...base, paymentGateway: stripeHolds({ re_failed: madeInStripe('re_failed', 'order-ext-000004', 1000, 'failed'), re_canceled: madeInStripe('re_canceled', 'order-ext-000004', 500, 'canceled') }) };
    expect(await recordExternalRefund(deps, 're_failed', 'c')).toEqual({ outcome: 'ignored', orderId: 'order-ext-000004' });
    expect(await recordExternalRefund(deps, 're_canceled', 'c')).toEqual({ outcome: 'ignored', orderId: 'order-ext-000004' });
    expect(await readOrder('order-ext-000004')).toEqual(invoiced('order-ext-000004', 1004));
    expect(await factsOf('order-ext-000004')).toEqual([]);
  });

  it('gives the money back to the books when the bank fails a refund made in Stripe after it succeeded', async () => {
    await storeOrders(db, table, [invoiced('order-ext-000005', 1005)]);
    const stripe: Record<string, RefundView> = { re_bank: madeInStripe('re_bank', 'order-ext-000005', 2400) };
    const deps = { ...base, paymentGateway: stripeHolds(stripe) };
    await recordExternalRefund(deps, 're_bank', 'c');
    expect(await readOrder('order-ext-000005')).toMatchObject({ status: 'refunded' });
    stripe.re_bank = { ...madeInStripe('re_bank', 'order-ext-000005', 2400, 'failed'), failureReason: 'expired_or_canceled_card' };
    await recordExternalRefund(deps, 're_bank', 'c');
    const order = (await readOrder('order-ext-000005'))!;
    expect(order).toMatchObject({ status: 'delivered', refunds: [{ id: 'rf-stripe-re_bank', status: 'failed', failureReason: 'expired_or_canceled_card' }] });
    // Its credit note stands, cancelled by an invoice of the invoice series, as any refund the bank fails.
    const [note] = order.creditNotes ?? [];
    expect(order.cancellingInvoices).toMatchObject([{ creditNoteNumber: note?.number, totals: note?.totals }]);
    // All at the test's one instant: their order in the outbox says nothing.
    expect((await factsOf('order-ext-000005')).sort()).toEqual(['CreditNoteCancelled', 'CreditNoteIssued', 'RefundFailed', 'RefundIssued']);
  });

  it('records a refund beyond what the books say is left as Stripe made it, and flags the order for a person to look', async () => {
    await storeOrders(db, table, [invoiced('order-ext-000006', 1006)]);
    await issueRefund({ ...base, paymentGateway: fakePayments() }, { orderId: 'order-ext-000006', request: { id: 'refund-api-6', reason: 'Geste commercial', amount: eur(2000) } }, 'c');
    const deps = { ...base, paymentGateway: stripeHolds({ re_over: madeInStripe('re_over', 'order-ext-000006', 1000) }) };
    const outcome = await recordExternalRefund(deps, 're_over', 'c');
    expect(outcome).toMatchObject({ outcome: 'settled', beyondWhatIsLeft: { left: eur(400), refunded: eur(1000) } });
    const order = await readOrder('order-ext-000006');
    expect(order).toMatchObject({
      status: 'refunded',
      refunds: [{ id: 'refund-api-6', status: 'succeeded' }, { id: 'rf-stripe-re_over', amount: eur(1000), status: 'succeeded', external: true }],
      review: { reason: 'refund_beyond_what_is_left', paymentIntentId: 'pi_order-ext-000006', received: eur(1000) },
    });
    const review = (await facts()).find((f) => f.name === 'PaymentNeedsReview' && f.data.orderId === 'order-ext-000006');
    expect(review?.data).toEqual({ orderId: 'order-ext-000006', orderNumber: order?.number, customerEmail: order?.customer.email, paymentIntentId: 'pi_order-ext-000006', expected: eur(400), received: eur(1000), reason: 'refund_beyond_what_is_left' });
  });

  it('leaves alone a refund whose PaymentIntent names no order of ours, or an order it did not pay', async () => {
    await storeOrders(db, table, [invoiced('order-ext-000007', 1007)]);
    const deps = {
      ...base,
      paymentGateway: stripeHolds({
        re_elsewhere: { refundId: 're_elsewhere', status: 'succeeded', amount: eur(1000), paymentIntentId: 'pi_other_shop' },
        re_unknown: madeInStripe('re_unknown', 'order-not-here', 1000),
        re_other_pi: { ...madeInStripe('re_other_pi', 'order-ext-000007', 1000), paymentIntentId: 'pi_claiming_it' },
      }),
    };
    expect(await recordExternalRefund(deps, 're_elsewhere', 'c')).toEqual({ outcome: 'not_ours' });
    expect(await recordExternalRefund(deps, 're_unknown', 'c')).toEqual({ outcome: 'not_ours', orderId: 'order-not-here' });
    expect(await recordExternalRefund(deps, 're_other_pi', 'c')).toEqual({ outcome: 'not_ours', orderId: 'order-ext-000007' });
    expect(await readOrder('order-ext-000007')).toEqual(invoiced('order-ext-000007', 1007));
  });

  it('waits (fails, to be retried) while the payment it refunds is not recorded on the order yet', async () => {
    await storeOrders(db, table, [aPendingOrder('order-ext-000008')]);
    const deps = { ...base, paymentGateway: stripeHolds({ re_early: madeInStripe('re_early', 'order-ext-000008', 1000) }) };
    await expect(recordExternalRefund(deps, 're_early', 'c')).rejects.toBeInstanceOf(ConflictError);
    expect((await readOrder('order-ext-000008'))?.refunds).toBeUndefined();
  });
});
