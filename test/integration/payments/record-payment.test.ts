import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordPaymentStatus, recordPaymentSucceeded } from '#payments/app/record-payment';
import type { PaymentDeps } from '#payments/app/ports';
import { createDocumentClient, type DocumentClient } from '#runtime/dynamodb/client';
import { productKey } from '#catalog/adapters/keys';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { paymentsWiring } from '#payments/wiring';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { Order } from '#ordering/domain/order';
import { fakePayments } from '../../fixtures/fake-payments';
import { aPendingOrder, aPendingOrderOf, storeOrders } from '../../fixtures/orders';
import { newId } from '#kernel/ids';
import { unconfiguredSettings } from '#settings/domain/settings';
import { aShop } from '../../fixtures/settings';
import { outboxEntriesOfItem } from '#runtime/dynamodb/outbox';
import { outboxOf } from '../../fixtures/outbox';
import { freshTables } from '../../support/dynamo';
import { createSettingsReader } from '#settings/adapters/settings-store';
import { invoiceSeries } from '#payments/index';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
/** A key as DynamoDB receives it (marshalled). */
type Keyed = { PK?: { S?: string } };

describe('the payments worker on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let deps: PaymentDeps;
  let facts: ReturnType<typeof outboxOf>;
  let gateway: ReturnType<typeof fakePayments>;
  let endpoint: string;
  const readOrder = async (id: string) => (await createOrderRepository(db, table).get(id))?.order;

  beforeAll(async () => {
    const tables = await freshTables();
    ({ db, endpoint } = tables);
    table = tables.names.domain;
    facts = outboxOf(db, table);
    gateway = fakePayments();
    deps = { orderPayments: createOrderPayments(db, table, createOrderRepository(db, table)), paymentGateway: gateway, settings: async () => ({ ...unconfiguredSettings, seller: aShop().seller }), ids: newId, clock: () => new Date('2026-11-24T10:05:00Z') };
  });

  it('marks an order paid once, however often Stripe says so', async () => {
    await storeOrders(db, table, [aPendingOrder('order-dup-1')]);
    const fact = { orderId: 'order-dup-1', paymentIntentId: 'pi_order-dup-1', amount: eur(2400) };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await recordPaymentSucceeded(deps, fact, 'c'));
    expect(outcomes).toEqual(['paid', 'already_done', 'already_done']);
    expect((await facts()).filter((e) => e.name === 'OrderPaid' && (e.data as { order: { id: string } }).order.id === 'order-dup-1')).toHaveLength(1);
    const order = await readOrder('order-dup-1');
    expect(order).toMatchObject({ status: 'paid', payment: { status: 'succeeded' }, paidAt: '2026-11-24T10:05:00.000Z' });
    expect(order?.invoiceNumber).toMatch(/^F2026-\d{6}$/);
  });

  it('dates OrderPaid as its invoice: after the invoice before it, when that one is dated later than now', async () => {
    await storeOrders(db, table, [aPendingOrder('order-dated-as-invoice')]);
    const { key } = invoiceSeries(table, 2026);
    const counter = (await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
    // The invoice before it was dated a minute after this worker's clock (another worker's clock ran ahead).
    await db.send(new PutCommand({ TableName: table, Item: { ...key, value: Number(counter?.value ?? 0), lastIssuedAt: '2026-11-24T10:06:00.000Z' } }));
    await recordPaymentSucceeded(deps, { orderId: 'order-dated-as-invoice', paymentIntentId: 'pi_order-dated-as-invoice', amount: eur(2400) }, 'c');
    expect((await readOrder('order-dated-as-invoice'))?.paidAt).toBe('2026-11-24T10:06:00.000Z');
    const paid = (await outboxOf(db, table, { times: true })()).filter((e) => e.name === 'OrderPaid' && (e.data as { order: { id: string } }).order.id === 'order-dated-as-invoice');
    expect(paid.map((e) => e.occurredAt)).toEqual(['2026-11-24T10:06:00.000Z']);
  });

  it("publishes OrderPaid with the order's VAT per rate, the delivery's part in each, so an ERP books it without calling back", async () => {
    // 2 × 12,00 at 20 % and a 5,5 % book of 10,00, a 4,90 delivery split over both rates (prices with VAT).
    const items = aPendingOrder('x').items;
    const book = { sku: 'BOOK-1', name: 'Livre', type: 'physical' as const, taxCategory: 'reduced' as const, unitPrice: eur(1000), quantity: 1, lineTotal: eur(1000), discount: eur(0), taxRate: 550, tax: eur(52) };
    await storeOrders(db, table, [
      aPendingOrder('order-vat-rates', {
        items: [...items, book],
        totals: { subtotal: eur(3400), discount: eur(0), shipping: eur(490), tax: eur(528), total: eur(3890) },
        taxBreakdown: [
          { rate: 2000, base: eur(2000 + 288), tax: eur(400 + 58) },
          { rate: 550, base: eur(948 + 136), tax: eur(52 + 8) },
        ],
      }),
    ]);
    await recordPaymentSucceeded(deps, { orderId: 'order-vat-rates', paymentIntentId: 'pi_order-vat-rates', amount: eur(3890) }, 'c');
    const [paid] = (await facts()).filter((e) => e.name === 'OrderPaid' && (e.data as { order: { id: string } }).order.id === 'order-vat-rates');
    expect((paid?.data as { order: { taxBreakdown: unknown } }).order.taxBreakdown).toEqual([
      { rate: 2000, base: eur(2288), tax: eur(458), shipping: { base: eur(288), tax: eur(58) } },
      { rate: 550, base: eur(1084), tax: eur(60), shipping: { base: eur(136), tax: eur(8) } },
    ]);
  });

  it('ignores a failure delivered after the success', async () => {
    await storeOrders(db, table, [aPendingOrder('order-late-fail')]);
    const fact = { orderId: 'order-late-fail', paymentIntentId: 'pi_order-late-fail', amount: eur(2400) };
    await recordPaymentSucceeded(deps, fact, 'c');
    expect(await recordPaymentStatus(deps, fact, 'failed')).toBe(false);
    expect(await readOrder('order-late-fail')).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
  });

  it('shows a failed or 3-D Secure payment while the order waits', async () => {
    await storeOrders(db, table, [aPendingOrder('order-3ds')]);
    const fact = { orderId: 'order-3ds', paymentIntentId: 'pi_order-3ds', amount: eur(2400) };
    gateway.intentStatus.set('pi_order-3ds', 'requires_action');
    await recordPaymentStatus(deps, fact, 'requires_action');
    expect(await readOrder('order-3ds')).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_action' } });
    gateway.intentStatus.set('pi_order-3ds', 'requires_payment_method');
    await recordPaymentStatus(deps, fact, 'failed');
    expect(await readOrder('order-3ds')).toMatchObject({ status: 'pending_payment', payment: { status: 'failed' } });
  });

  it('leaves news Stripe has moved past: a decline delivered once the customer is at 3-D Secure, and the reverse', async () => {
    await storeOrders(db, table, [aPendingOrder('order-late-decline')]);
    const fact = { orderId: 'order-late-decline', paymentIntentId: 'pi_order-late-decline' };
    gateway.intentStatus.set('pi_order-late-decline', 'requires_action');
    expect(await recordPaymentStatus(deps, fact, 'requires_action')).toBe(true);
    expect(await recordPaymentStatus(deps, fact, 'failed')).toBe(false);
    expect(await readOrder('order-late-decline')).toMatchObject({ payment: { status: 'requires_action' } });
    // 3-D Secure failed: the PaymentIntent waits for another card; a late 3-D Secure request changes nothing.
    gateway.intentStatus.set('pi_order-late-decline', 'requires_payment_method');
    expect(await recordPaymentStatus(deps, fact, 'failed')).toBe(true);
    expect(await recordPaymentStatus(deps, fact, 'requires_action')).toBe(false);
    expect(await readOrder('order-late-decline')).toMatchObject({ payment: { status: 'failed' } });
  });

  it('writes nothing for news the order already shows (a duplicate, a replay): not even updatedAt', async () => {
    await storeOrders(db, table, [aPendingOrder('order-replayed-cancel', { status: 'cancelled' })]);
    const fact = { orderId: 'order-replayed-cancel', paymentIntentId: 'pi_order-replayed-cancel' };
    expect(await recordPaymentStatus({ ...deps, clock: () => new Date('2026-11-24T10:06:00Z') }, fact, 'canceled')).toBe(true);
    expect(await recordPaymentStatus({ ...deps, clock: () => new Date('2026-11-24T10:07:00Z') }, fact, 'canceled')).toBe(false);
    expect(await readOrder('order-replayed-cancel')).toMatchObject({ payment: { status: 'canceled' }, updatedAt: '2026-11-24T10:06:00.000Z' });
  });

  it('shows the PaymentIntent cancelled on an order cancelled before it, and no other news there', async () => {
    await storeOrders(db, table, [aPendingOrder('order-cancelled-pi', { status: 'cancelled' })]);
    const fact = { orderId: 'order-cancelled-pi', paymentIntentId: 'pi_order-cancelled-pi' };
    expect(await recordPaymentStatus(deps, fact, 'failed')).toBe(false);
    expect(await recordPaymentStatus(deps, fact, 'requires_action')).toBe(false);
    expect(await readOrder('order-cancelled-pi')).toMatchObject({ status: 'cancelled', payment: { status: 'requires_payment_method' } });
    expect(await recordPaymentStatus(deps, fact, 'canceled')).toBe(true);
    expect(await readOrder('order-cancelled-pi')).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
  });

  it('leaves the payment of a paid order succeeded when a cancellation comes late', async () => {
    await storeOrders(db, table, [aPendingOrder('order-paid-then-canceled')]);
    const fact = { orderId: 'order-paid-then-canceled', paymentIntentId: 'pi_order-paid-then-canceled', amount: eur(2400) };
    await recordPaymentSucceeded(deps, fact, 'c');
    expect(await recordPaymentStatus(deps, fact, 'canceled')).toBe(false);
    expect(await readOrder('order-paid-then-canceled')).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
  });

  it('flags an order paid with the wrong amount instead of marking it paid', async () => {
    await storeOrders(db, table, [aPendingOrder('order-short')]);
    const outcome = await recordPaymentSucceeded(deps, { orderId: 'order-short', paymentIntentId: 'pi_order-short', amount: eur(100) }, 'c');
    expect(outcome).toBe('flagged');
    const order = await readOrder('order-short');
    expect(order).toMatchObject({ status: 'pending_payment', invoiceNumber: null, review: { reason: 'amount_mismatch', received: eur(100) } });
    const reviews = (await facts()).filter((e) => e.name === 'PaymentNeedsReview' && e.data.orderId === 'order-short');
    expect(reviews.map(({ name, data }) => ({ name, data }))).toEqual([{
      name: 'PaymentNeedsReview',
      // The order as people know it, so that whoever looks needs not call back.
      data: { orderId: 'order-short', orderNumber: '2026--short', customerEmail: 'camille@example.fr', paymentIntentId: 'pi_order-short', expected: eur(2400), received: eur(100), reason: 'amount_mismatch' },
    }]);
  });

  describe('only the order\'s own PaymentIntent pays it', () => {
    const reviewsOf = async (orderId: string) => (await facts()).filter((e) => e.name === 'PaymentNeedsReview' && (e.data as { orderId: string }).orderId === orderId);

    it('flags an order that another order\'s PaymentIntent claims, with its exact total, and never pays it', async () => {
      await storeOrders(db, table, [aPendingOrder('order-pi-a'), aPendingOrder('order-pi-b')]);
      // Stripe says pi_order-pi-a succeeded, but its metadata names order B, and the amount is B's total.
      const forged = { orderId: 'order-pi-b', paymentIntentId: 'pi_order-pi-a', amount: eur(2400) };
      expect(await recordPaymentSucceeded(deps, forged, 'c')).toBe('flagged');
      expect(await recordPaymentSucceeded(deps, forged, 'c')).toBe('flagged');
      expect(await readOrder('order-pi-b')).toMatchObject({
        status: 'pending_payment',
        invoiceNumber: null,
        payment: { paymentIntentId: 'pi_order-pi-b', status: 'requires_payment_method' },
        review: { reason: 'payment_intent_mismatch', paymentIntentId: 'pi_order-pi-a', received: eur(2400) },
      });
      expect(await readOrder('order-pi-a')).toMatchObject({ status: 'pending_payment', invoiceNumber: null });
      // Flagged once, however often the webhook comes.
      expect((await reviewsOf('order-pi-b')).map((e) => e.data)).toEqual([
        { orderId: 'order-pi-b', orderNumber: '2026-r-pi-b', customerEmail: 'camille@example.fr', paymentIntentId: 'pi_order-pi-a', expected: eur(2400), received: eur(2400), reason: 'payment_intent_mismatch' },
      ]);
      expect((await facts()).filter((e) => e.name === 'OrderPaid' && JSON.stringify(e.data).includes('order-pi-b'))).toHaveLength(0);
      // The order's own PaymentIntent still pays it.
      expect(await recordPaymentSucceeded(deps, { ...forged, paymentIntentId: 'pi_order-pi-b' }, 'c')).toBe('paid');
      expect(await readOrder('order-pi-b')).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F2026-/) });
    });

    it('never refunds another order\'s PaymentIntent as if a cancelled order had been paid late', async () => {
      await storeOrders(db, table, [aPendingOrder('order-pi-gone', { status: 'cancelled' })]);
      const refunds: string[] = [];
      const watched = { ...deps, paymentGateway: { ...gateway, createRefund: async (input: Parameters<typeof gateway.createRefund>[0]) => (refunds.push(input.paymentIntentId), gateway.createRefund(input)) } };
      const outcome = await recordPaymentSucceeded(watched, { orderId: 'order-pi-gone', paymentIntentId: 'pi_someone-else', amount: eur(2400) }, 'c');
      expect(outcome).toBe('flagged');
      expect(refunds).toEqual([]);
      const order = await readOrder('order-pi-gone');
      expect(order).toMatchObject({ status: 'cancelled', review: { reason: 'payment_intent_mismatch', paymentIntentId: 'pi_someone-else' } });
      expect(order).not.toHaveProperty('lateRefund');
      expect((await reviewsOf('order-pi-gone'))).toHaveLength(1);
    });

    it('leaves a paid order and its invoice number alone when another PaymentIntent claims it', async () => {
      await storeOrders(db, table, [aPendingOrder('order-pi-paid')]);
      await recordPaymentSucceeded(deps, { orderId: 'order-pi-paid', paymentIntentId: 'pi_order-pi-paid', amount: eur(2400) }, 'c');
      const paid = await readOrder('order-pi-paid');
      expect(await recordPaymentSucceeded(deps, { orderId: 'order-pi-paid', paymentIntentId: 'pi_intruder', amount: eur(2400) }, 'c')).toBe('flagged');
      expect(await readOrder('order-pi-paid')).toMatchObject({ status: 'paid', invoiceNumber: paid?.invoiceNumber, payment: { paymentIntentId: 'pi_order-pi-paid', status: 'succeeded' } });
      expect((await reviewsOf('order-pi-paid'))).toHaveLength(1);
    });

    it('ignores 3-D Secure, failure and cancellation news about another PaymentIntent', async () => {
      await storeOrders(db, table, [aPendingOrder('order-pi-news')]);
      for (const status of ['requires_action', 'failed', 'canceled'] as const) {
        expect(await recordPaymentStatus(deps, { orderId: 'order-pi-news', paymentIntentId: 'pi_other-order' }, status)).toBe(false);
      }
      expect(await readOrder('order-pi-news')).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_payment_method' }, updatedAt: '2026-11-24T10:00:00.000Z' });
      // The control: the same news about its own PaymentIntent is shown.
      gateway.intentStatus.set('pi_order-pi-news', 'requires_action');
      expect(await recordPaymentStatus(deps, { orderId: 'order-pi-news', paymentIntentId: 'pi_order-pi-news' }, 'requires_action')).toBe(true);
      expect(await readOrder('order-pi-news')).toMatchObject({ payment: { status: 'requires_action' } });
    });
  });

  it('refunds money that arrives after the order was cancelled, once', async () => {
    await storeOrders(db, table, [aPendingOrder('order-expired', { status: 'cancelled' })]);
    const fact = { orderId: 'order-expired', paymentIntentId: 'pi_order-expired', amount: eur(2400) };
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('refunded_late');
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('already_done');
    const late = (await facts()).filter((e) => e.name === 'PaymentRefundedLate');
    expect(late).toHaveLength(1);
    expect(late[0]?.data).toMatchObject({ orderId: 'order-expired', orderNumber: (await readOrder('order-expired'))?.number, customerEmail: 'camille@example.fr' });
    expect(await readOrder('order-expired')).toMatchObject({ status: 'cancelled', lateRefund: { refundId: 're_pi_order-expired' } });
  });

  it('refunds nothing when the payment of an order paid then cancelled by the shop is told again (a replay): its cancellation refunds it, with its credit note', async () => {
    await storeOrders(db, table, [aPendingOrder('order-paid-cancelled', { status: 'cancelled', paidAt: '2026-11-24T10:01:00Z', invoiceNumber: 'F2026-000001' })]);
    const refundsBefore = gateway.refunds.length;
    const fact = { orderId: 'order-paid-cancelled', paymentIntentId: 'pi_order-paid-cancelled', amount: eur(2400) };
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('already_done');
    expect(gateway.refunds.length).toBe(refundsBefore);
    expect((await facts()).filter((e) => e.name === 'PaymentRefundedLate' && e.data.orderId === 'order-paid-cancelled')).toEqual([]);
    expect(await readOrder('order-paid-cancelled')).not.toHaveProperty('lateRefund');
  });

  it('remembers the event it applied: two copies of one PaymentSucceeded at once pay once, under one claim', async () => {
    await storeOrders(db, table, [aPendingOrder('order-claim-1')]);
    const fact = { orderId: 'order-claim-1', paymentIntentId: 'pi_order-claim-1', amount: eur(2400), eventId: 'evt-claim-1' };
    const outcomes = await Promise.all([recordPaymentSucceeded(deps, fact, 'c'), recordPaymentSucceeded(deps, fact, 'c')]);
    expect(outcomes.sort()).toEqual(['already_done', 'paid']);
    const claim = await db.send(new GetCommand({ TableName: table, Key: { PK: 'EVENT#evt-claim-1', SK: 'CONSUMER#record-payment' } }));
    expect(claim.Item).toMatchObject({ PK: 'EVENT#evt-claim-1', SK: 'CONSUMER#record-payment' });
    // The claim carries the fact the payment states, for the relay to publish.
    expect(outboxEntriesOfItem(claim.Item!).map((entry) => entry.detailType)).toEqual(['OrderPaid']);
    expect((await facts()).filter((e) => e.name === 'OrderPaid' && JSON.stringify(e.data).includes('order-claim-1'))).toHaveLength(1);
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('already_done');
  });

  it('numbers 200 invoices paid concurrently 1..200 with no gap and no duplicate, and leaves their product untouched', async () => {
    const fresh = await freshTables();
    const orderPayments = createOrderPayments(fresh.db, fresh.names.domain, createOrderRepository(fresh.db, fresh.names.domain));
    const orders = Array.from({ length: 200 }, (_, i) => aPendingOrder(`order-many-${String(i).padStart(4, '0')}`));
    await storeOrders(fresh.db, fresh.names.domain, orders);
    const productNow = async () => (await fresh.db.send(new GetCommand({ TableName: fresh.names.domain, Key: productKey('PAID-1'), ConsistentRead: true }))).Item;
    const before = await productNow();
    const local = { ...deps, orderPayments };
    // Ten workers side by side (AWS runs at most four), each taking its share one message at a
    // time, as Lambda polls a queue. A worker that gives up on the counter fails its message, and
    // the queue delivers it again later, up to its maxReceiveCount before the DLQ.
    const queue = orders.map((order) => ({ order, received: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let message = queue.shift(); message; message = queue.shift()) {
          message.received += 1;
          const { order } = message;
          try {
            await recordPaymentSucceeded(local, { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400) }, 'c');
          } catch (error) {
            if (message.received >= paymentsWiring.queues.payments.maxReceiveCount) throw error;
            queue.push(message);
          }
        }
      }),
    );
    const repo = createOrderRepository(fresh.db, fresh.names.domain);
    const numbers = [];
    const statuses = new Set();
    for (const order of orders) {
      const paid = (await repo.get(order.id))?.order;
      numbers.push(paid?.invoiceNumber);
      statuses.add(paid?.status);
    }
    const sequence = numbers.map((n) => Number(String(n).slice(6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect([...statuses]).toEqual(['paid']);
    // Their 400 units left `available` at checkout: paying them sold them without a write on the product.
    expect(await productNow()).toEqual(before);
  }, 120_000);

  describe('invoice dates that follow their numbers (CGI art. 242 nonies A: continuous and chronological)', () => {
    const invoiceCounter = async (year: number) =>
      (await db.send(new GetCommand({ TableName: table, Key: { PK: `COUNTER#invoice#${year}`, SK: 'COUNTER' }, ConsistentRead: true }))).Item;
    const pay = (clock: () => Date, order: Order) =>
      recordPaymentSucceeded({ ...deps, clock }, { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400) }, 'c');

    it('dates an invoice as the invoice before it when that one bears a later time than the clock', async () => {
      await db.send(new PutCommand({ TableName: table, Item: { PK: 'COUNTER#invoice#2027', SK: 'COUNTER', value: 7, lastIssuedAt: '2027-01-05T10:00:00.500Z' } }));
      const order = aPendingOrder('order-chrono-late-clock');
      await storeOrders(db, table, [order]);
      expect(await pay(() => new Date('2027-01-05T10:00:00.000Z'), order)).toBe('paid');
      expect(await readOrder(order.id)).toMatchObject({ invoiceNumber: 'F2027-000008', paidAt: '2027-01-05T10:00:00.500Z', updatedAt: '2027-01-05T10:00:00.500Z' });
      const [paid] = (await facts()).filter((e) => e.name === 'OrderPaid' && JSON.stringify(e.data).includes(order.id));
      expect((paid?.data as { order: { paidAt: string } }).order.paidAt).toBe('2027-01-05T10:00:00.500Z');
      expect(await invoiceCounter(2027)).toMatchObject({ value: 8, lastIssuedAt: '2027-01-05T10:00:00.500Z' });
    });

    it('numbers an invoice in the year of its date on the shop’s calendar (Paris): paid at 23:30 UTC on 31 December, it opens the next year’s series', async () => {
      const [before, after] = [aPendingOrder('order-new-year-before'), aPendingOrder('order-new-year-after')];
      await storeOrders(db, table, [before, after]);
      expect(await pay(() => new Date('2029-12-31T22:30:00.000Z'), before)).toBe('paid'); // 23:30 in Paris
      expect(await pay(() => new Date('2029-12-31T23:30:00.000Z'), after)).toBe('paid'); // 00:30 on 1 January in Paris
      expect((await readOrder(before.id))?.invoiceNumber).toBe('F2029-000001');
      expect((await readOrder(after.id))?.invoiceNumber).toBe('F2030-000001');
    });

    it('dates invoices paid at once, by a clock that goes back a second at each read, in the order of their numbers', async () => {
      const orders = Array.from({ length: 10 }, (_, i) => aPendingOrder(`order-chrono-${String(i).padStart(6, '0')}`));
      await storeOrders(db, table, orders);
      let reads = 0;
      const backwards = () => new Date(Date.parse('2028-03-01T12:00:00.000Z') - 1000 * reads++);
      expect(await Promise.all(orders.map((order) => pay(backwards, order)))).toEqual(Array(10).fill('paid'));
      const invoices = (await Promise.all(orders.map((order) => readOrder(order.id)))).map((o) => ({ number: o!.invoiceNumber!, at: o!.paidAt! }));
      invoices.sort((a, b) => a.number.localeCompare(b.number));
      expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: 10 }, (_, i) => `F2028-${String(i + 1).padStart(6, '0')}`));
      expect(invoices.map((i) => i.at)).toEqual(invoices.map((i) => i.at).sort());
    });
  });

  it('writes no product in the payment transaction, however many lines the order has: the counter, the order, and its claim carrying its fact', async () => {
    const order = aPendingOrderOf('order-no-product', { 'PAID-1': 2, 'OTHER-1': 1 });
    await storeOrders(db, table, [order]);
    const before = (await db.send(new GetCommand({ TableName: table, Key: productKey('PAID-1'), ConsistentRead: true }))).Item;
    // A client of its own, whose TransactWriteItems are recorded as they leave (keys marshalled).
    const spied = createDocumentClient(new DynamoDBClient({ endpoint }));
    const written: string[][] = [];
    spied.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          const items = (args.input as { TransactItems: Record<string, { Key?: Keyed; Item?: Keyed }>[] }).TransactItems;
          written.push(items.map((item) => Object.values(item).map((op) => (op.Key ?? op.Item)?.PK?.S ?? '?')).flat());
        }
        return next(args);
      },
      { step: 'build', name: 'recordTransactions' },
    );
    const spiedDeps = { ...deps, orderPayments: createOrderPayments(spied, table, createOrderRepository(spied, table)) };
    const fact = { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400), eventId: 'evt-no-product' };
    expect(await recordPaymentSucceeded(spiedDeps, fact, 'c')).toBe('paid');
    expect(written).toEqual([['COUNTER#invoice#2026', `ORDER#${order.id}`, 'EVENT#evt-no-product']]);
    expect(written.flat().filter((pk) => pk.startsWith('PRODUCT#'))).toEqual([]);
    expect(await readOrder(order.id)).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
    expect((await db.send(new GetCommand({ TableName: table, Key: productKey('PAID-1'), ConsistentRead: true }))).Item).toEqual(before);
  });

  it('reads the order, the invoice counter and the settings at once, one round trip before its transaction', async () => {
    const order = aPendingOrder('order-reads-at-once');
    await storeOrders(db, table, [order]);
    // A client of its own that counts the requests in flight as each one leaves; the document
    // client and the settings' reader both send through its stack.
    const raw = new DynamoDBClient({ endpoint });
    const spied = createDocumentClient(raw);
    let inFlight = 0;
    const sent: { command: string; pk: string; alongside: number }[] = [];
    spied.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: Keyed }).Key;
        sent.push({ command: context.commandName ?? '?', pk: key?.PK?.S ?? '', alongside: inFlight });
        inFlight++;
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'build', name: 'countInFlight' },
    );
    const spiedDeps = { ...deps, orderPayments: createOrderPayments(spied, table, createOrderRepository(spied, table)), settings: createSettingsReader(raw, table) };
    const fact = { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400) };
    expect(await recordPaymentSucceeded(spiedDeps, fact, 'c')).toBe('paid');
    // The three reads leave in any order, each while the others before it are in flight. The
    // transaction leaves alone, after them.
    const reads = sent.slice(0, 3);
    expect(reads.map((r) => `${r.command} ${r.pk}`).sort()).toEqual(['GetItemCommand COUNTER#invoice#2026', `GetItemCommand ORDER#${order.id}`, 'QueryCommand ']);
    expect(sent.map((r) => r.alongside)).toEqual([0, 1, 2, 0]);
    expect(sent[3]?.command).toBe('TransactWriteItemsCommand');
  });
});
