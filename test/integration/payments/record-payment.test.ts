import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordPaymentStatus, recordPaymentSucceeded } from '#payments/app/record-payment';
import type { PaymentDeps } from '#payments/app/ports';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { productKey } from '#catalog/adapters/keys';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { fakePayments } from '../../fixtures/fake-payments';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { recordingPublisher } from '../../fixtures/recording-publisher';
import { freshTables } from '../../support/dynamo';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

describe('the payments worker on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let deps: PaymentDeps;
  let publisher: ReturnType<typeof recordingPublisher>;
  let gateway: ReturnType<typeof fakePayments>;
  const readOrder = async (id: string) => (await createOrderRepository(db, table).get(id))?.order;

  beforeAll(async () => {
    const tables = await freshTables();
    db = tables.db;
    table = tables.names.domain;
    publisher = recordingPublisher();
    gateway = fakePayments();
    deps = { orderPayments: createOrderPayments(db, table, createOrderRepository(db, table)), paymentGateway: gateway, publisher, clock: () => new Date('2026-11-24T10:05:00Z') };
  });

  it('marks an order paid once, however often Stripe says so', async () => {
    await storeOrders(db, table, [aPendingOrder('order-dup-1')]);
    const fact = { orderId: 'order-dup-1', paymentIntentId: 'pi_order-dup-1', amount: eur(2400) };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await recordPaymentSucceeded(deps, fact, 'c'));
    expect(outcomes).toEqual(['paid', 'already_done', 'already_done']);
    expect(publisher.events.filter((e) => e.name === 'OrderPaid' && (e.data as { order: { id: string } }).order.id === 'order-dup-1')).toHaveLength(1);
    const order = await readOrder('order-dup-1');
    expect(order).toMatchObject({ status: 'paid', payment: { status: 'succeeded' }, paidAt: '2026-11-24T10:05:00.000Z' });
    expect(order?.invoiceNumber).toMatch(/^F2026-\d{6}$/);
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
    await recordPaymentStatus(deps, fact, 'requires_action');
    expect(await readOrder('order-3ds')).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_action' } });
    await recordPaymentStatus(deps, fact, 'failed');
    expect(await readOrder('order-3ds')).toMatchObject({ status: 'pending_payment', payment: { status: 'failed' } });
  });

  it('flags an order paid with the wrong amount instead of marking it paid', async () => {
    await storeOrders(db, table, [aPendingOrder('order-short')]);
    const outcome = await recordPaymentSucceeded(deps, { orderId: 'order-short', paymentIntentId: 'pi_order-short', amount: eur(100) }, 'c');
    expect(outcome).toBe('flagged');
    const order = await readOrder('order-short');
    expect(order).toMatchObject({ status: 'pending_payment', invoiceNumber: null, review: { reason: 'amount_mismatch', received: eur(100) } });
    expect(publisher.events.at(-1)?.name).toBe('PaymentNeedsReview');
  });

  it('refunds money that arrives after the order was cancelled, once', async () => {
    await storeOrders(db, table, [aPendingOrder('order-expired', { status: 'cancelled' })]);
    const fact = { orderId: 'order-expired', paymentIntentId: 'pi_order-expired', amount: eur(2400) };
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('refunded_late');
    expect(await recordPaymentSucceeded(deps, fact, 'c')).toBe('already_done');
    expect(publisher.events.filter((e) => e.name === 'PaymentRefundedLate')).toHaveLength(1);
    expect(await readOrder('order-expired')).toMatchObject({ status: 'cancelled', lateRefund: { refundId: 're_pi_order-expired' } });
  });

  it('numbers 200 invoices paid concurrently 1..200 with no gap and no duplicate, and commits their stock', async () => {
    const fresh = await freshTables();
    const orderPayments = createOrderPayments(fresh.db, fresh.names.domain, createOrderRepository(fresh.db, fresh.names.domain));
    const orders = Array.from({ length: 200 }, (_, i) => aPendingOrder(`order-many-${String(i).padStart(4, '0')}`));
    await storeOrders(fresh.db, fresh.names.domain, orders, { sku: 'PAID-1', reserved: 400 });
    const local = { ...deps, orderPayments };
    // Ten workers side by side, each taking its share one message at a time, as Lambda polls a queue.
    const queue = [...orders];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let order = queue.shift(); order; order = queue.shift()) {
          await recordPaymentSucceeded(local, { orderId: order.id, paymentIntentId: order.payment.paymentIntentId, amount: eur(2400) }, 'c');
        }
      }),
    );
    const repo = createOrderRepository(fresh.db, fresh.names.domain);
    const numbers = [];
    for (const order of orders) numbers.push((await repo.get(order.id))?.order.invoiceNumber);
    const sequence = numbers.map((n) => Number(String(n).slice(6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const { Item: product } = await fresh.db.send(new GetCommand({ TableName: fresh.names.domain, Key: productKey('PAID-1') }));
    expect(product?.reserved).toBe(0);
  }, 120_000);
});
