import { beforeAll, describe, expect, it } from 'vitest';
import { markDelivered } from '#fulfillment/app/mark-delivered';
import type { Order } from '#ordering/domain/order';
import { readableOrder } from '#ordering/index';
import { approveReturn } from '#returns/app/approve-return';
import { cancelOrder } from '#returns/app/cancel-order';
import { issueRefund } from '#returns/app/issue-refund';
import { receiveReturn } from '#returns/app/receive-return';
import { requestReturn } from '#returns/app/request-return';
import { aPendingOrder } from '../../fixtures/orders';
import { aDeliveredOrder, aLine, eur, mugsOnly } from '../../unit/returns/returns-fixtures';
import { fieldsOf, returnsWorld } from './returns-setup';

let world: Awaited<ReturnType<typeof returnsWorld>>;
beforeAll(async () => {
  world = await returnsWorld();
});

/** Paid, invoiced, nothing shipped: 2 mugs, an e-book and 6.00 of delivery (35.00). */
const aPaidOrder = (id: string): Order => aDeliveredOrder(id, { status: 'paid', shipments: [], deliveredAt: undefined });

/** The same, one of its two mugs shipped. */
const aPartlyShippedOrder = (id: string, overrides: Partial<Order> = {}): Order => {
  const order = aDeliveredOrder(id, { status: 'partially_shipped', deliveredAt: undefined, ...overrides });
  return { ...order, shipments: order.shipments?.map((s) => ({ ...s, items: [{ sku: 'MUG-1', quantity: 1 }], deliveredAt: undefined })) };
};

const cancel = (orderId: string) => cancelOrder(world.deps, orderId, 'c');
const refund = (orderId: string, id: string, amount?: number) => issueRefund(world.deps, { orderId, request: { id, reason: 'goodwill', ...(amount !== undefined && { amount: eur(amount) }) } }, 'c');
const refundsOf = async (orderId: string) => (await world.order(orderId)).refunds?.map((r) => [r.id, r.status, r.amount.amount]);
const factsOf = async (name: string, orderId: string) => (await world.facts()).filter((f) => f.name === name && JSON.stringify(f.data).includes(orderId));

describe('cancelling an unpaid order (DynamoDB Local, a fake Stripe)', () => {
  it('its PaymentIntent cancelled at Stripe first: the order answered, stored and told cancelled with its payment canceled, awaiting a card or 3-D Secure; its stock released', async () => {
    const pending = (['requires_payment_method', 'requires_action'] as const).map((status, i) =>
      aPendingOrder(`order-cnl-2${i}`, { payment: { provider: 'stripe', paymentIntentId: `pi_order-cnl-2${i}`, status } }),
    );
    for (const order of pending) await world.store(order, 'PAID-1');
    for (const { id } of pending) {
      expect(await cancel(id)).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
      expect(await world.order(id)).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
      expect((await factsOf('OrderCancelled', id)).map((f) => f.data.order)).toEqual([expect.objectContaining({ payment: expect.objectContaining({ status: 'canceled' }) })]);
    }
    expect(await world.available('PAID-1')).toBe(4);
  });
});

describe('cancelling a paid order (DynamoDB Local, a fake Stripe)', () => {
  it('partly shipped, its rest free of charge: cancelled without a refund, the order shipped, then delivered when its parcel arrives', async () => {
    const order = aPartlyShippedOrder('order-cnl-11', { items: [aLine('MUG-1', 1, 1200), aLine('GIFT-1', 2, 0)] });
    await world.store(order);
    await world.store(order, 'GIFT-1');
    expect((await cancel('order-cnl-11')).status).toBe('shipped');
    expect(await world.available('GIFT-1')).toBe(2);
    expect(await refundsOf('order-cnl-11') ?? []).toEqual([]);
    const delivered = await markDelivered(world.deps, { orderId: 'order-cnl-11', shipmentId: order.shipments![0]!.id }, 'c');
    expect(delivered.status).toBe('delivered');
  });

  it('nothing shipped: the order is void, every line refunded, the e-book and the delivery too, with one credit note; the mugs restocked', async () => {
    await world.store(aPaidOrder('order-cnl-07'));

    expect((await cancel('order-cnl-07')).status).toBe('cancelled');
    expect(await refundsOf('order-cnl-07')).toEqual([['rf-cancel-order-cnl-07', 'succeeded', 3500]]);
    const [note] = (await world.order('order-cnl-07')).creditNotes ?? [];
    expect(note?.lines.map((l) => [l.sku, l.quantity, l.totalIncludingTax.amount])).toEqual([
      ['MUG-1', 2, 2400],
      ['EBOOK-1', 1, 500],
    ]);
    expect(note?.shipping).toEqual(eur(600));
    expect(await world.available('MUG-1')).toBe(2);
    expect((await factsOf('OrderCancelled', 'order-cnl-07')).map((f) => f.data.cancelledItems)).toEqual([[{ sku: 'MUG-1', quantity: 2 }, { sku: 'EBOOK-1', quantity: 1 }]]);
  });

  it('partly shipped, then the shipped mug returned as a withdrawal: the unshipped one refunded without the delivery, the delivery given back with the last mug', async () => {
    await world.store(aPartlyShippedOrder('order-cnl-08', mugsOnly()));
    await cancel('order-cnl-08');
    expect(await refundsOf('order-cnl-08')).toEqual([['rf-cancel-order-cnl-08', 'succeeded', 1200]]);

    const reader = { orderId: 'order-cnl-08', token: 'token-order-cnl-08', customerId: undefined };
    const asked = await requestReturn(world.deps, { order: await readableOrder(world.deps, reader), items: [{ sku: 'MUG-1', quantity: 1, reason: 'withdrawal' }] }, 'c');
    await approveReturn(world.deps, { returnId: asked.id }, 'c');
    await receiveReturn(world.deps, { returnId: asked.id, items: [{ sku: 'MUG-1', received: 1, damaged: 0 }] }, 'c');

    expect(await refundsOf('order-cnl-08')).toEqual([
      ['rf-cancel-order-cnl-08', 'succeeded', 1200],
      [`rf-${asked.id}`, 'succeeded', 1200 + 600],
    ]);
    const order = await world.order('order-cnl-08');
    expect(order.status).toBe('refunded');
    expect(order.creditNotes?.map((n) => n.shipping.amount)).toEqual([0, 600]);
  });
});

describe('cancelling a paid order after refunds (DynamoDB Local, a fake Stripe)', () => {
  it('refunded in part, nothing shipped: cancelled, what is left refunded with a credit note, every unit restocked; sent again, nothing more', async () => {
    await world.store(aPaidOrder('order-cnl-01'));
    await refund('order-cnl-01', 'rf-goodwill-01', 1000);
    expect((await world.order('order-cnl-01')).status).toBe('partially_refunded');

    const cancelled = await cancel('order-cnl-01');
    expect(cancelled.status).toBe('cancelled');
    expect(await world.available('MUG-1')).toBe(2);
    expect(await refundsOf('order-cnl-01')).toEqual([
      ['rf-goodwill-01', 'succeeded', 1000],
      ['rf-cancel-order-cnl-01', 'succeeded', 2500],
    ]);
    const order = await world.order('order-cnl-01');
    expect(order.creditNotes?.map((n) => n.totals.includingTax.amount)).toEqual([1000, 2500]);
    expect(await factsOf('OrderCancelled', 'order-cnl-01')).toHaveLength(1);

    const calls = world.stripe.calls.length;
    expect((await cancel('order-cnl-01')).status).toBe('cancelled');
    expect(await world.available('MUG-1')).toBe(2);
    expect(world.stripe.calls.length).toBe(calls);
    expect(await refundsOf('order-cnl-01')).toHaveLength(2);
  });

  it('refunded in full, nothing shipped: cancelled and restocked, no refund asked of Stripe', async () => {
    await world.store(aPaidOrder('order-cnl-02'));
    await refund('order-cnl-02', 'rf-all-02');
    expect((await world.order('order-cnl-02')).status).toBe('refunded');
    const calls = world.stripe.calls.length;

    expect((await cancel('order-cnl-02')).status).toBe('cancelled');
    expect(await world.available('MUG-1')).toBe(2);
    expect(world.stripe.calls.length).toBe(calls);
    expect(await refundsOf('order-cnl-02')).toEqual([['rf-all-02', 'succeeded', 3500]]);
    expect(await factsOf('OrderCancelled', 'order-cnl-02')).toHaveLength(1);
  });

  it('refunded in part and partly shipped: the unshipped mug cancelled, restocked and refunded, with one OrderCancelled listing it; the shipped one stays', async () => {
    await world.store(aPartlyShippedOrder('order-cnl-03'));
    await refund('order-cnl-03', 'rf-goodwill-03', 1000);

    const answered = await cancel('order-cnl-03');
    expect(answered.status).toBe('partially_refunded');
    expect(await world.available('MUG-1')).toBe(1);
    expect(await refundsOf('order-cnl-03')).toEqual([
      ['rf-goodwill-03', 'succeeded', 1000],
      ['rf-cancel-order-cnl-03', 'succeeded', 1200],
    ]);
    expect((await world.order('order-cnl-03')).cancelledUnits).toEqual([{ sku: 'MUG-1', quantity: 1 }]);
    // The order goes on with what it shipped; the fact says what was cancelled of it (the inventory worker restocks from it).
    expect((await factsOf('OrderCancelled', 'order-cnl-03')).map((f) => f.data)).toEqual([
      expect.objectContaining({ reason: 'cancelled_by_shop', cancelledItems: [{ sku: 'MUG-1', quantity: 1 }], order: expect.objectContaining({ status: 'partially_refunded' }) }),
    ]);

    await cancel('order-cnl-03');
    expect(await factsOf('OrderCancelled', 'order-cnl-03')).toHaveLength(1);
    expect(await world.available('MUG-1')).toBe(1);
  });

  it('refunded in full and partly shipped: the unshipped mug cancelled and restocked, nothing left to refund', async () => {
    await world.store(aPartlyShippedOrder('order-cnl-04'));
    await refund('order-cnl-04', 'rf-all-04');
    const calls = world.stripe.calls.length;

    expect((await cancel('order-cnl-04')).status).toBe('refunded');
    expect(await world.available('MUG-1')).toBe(1);
    expect(world.stripe.calls.length).toBe(calls);
    expect(await refundsOf('order-cnl-04')).toEqual([['rf-all-04', 'succeeded', 3500]]);
  });

  it('partly shipped with a return of the shipped mug under way: the rest cancelled and refunded, then the return received and refunded', async () => {
    await world.store(aPartlyShippedOrder('order-cnl-05'));
    const reader = { orderId: 'order-cnl-05', token: 'token-order-cnl-05', customerId: undefined };
    const asked = await requestReturn(world.deps, { order: await readableOrder(world.deps, reader), items: [{ sku: 'MUG-1', quantity: 1, reason: 'other' }] }, 'c');
    await approveReturn(world.deps, { returnId: asked.id }, 'c');

    await cancel('order-cnl-05');
    expect(await world.available('MUG-1')).toBe(1);
    expect((await receiveReturn(world.deps, { returnId: asked.id, items: [{ sku: 'MUG-1', received: 1, damaged: 0 }] }, 'c')).status).toBe('refunded');
    expect(await world.available('MUG-1')).toBe(2);
    expect(await refundsOf('order-cnl-05')).toEqual([
      ['rf-cancel-order-cnl-05', 'succeeded', 1200],
      [`rf-${asked.id}`, 'succeeded', 1200],
    ]);
  });

  it('everything shipped, refunded in part: 409 naming status, nothing changed', async () => {
    await world.store(aDeliveredOrder('order-cnl-06', { status: 'shipped', deliveredAt: undefined }));
    await refund('order-cnl-06', 'rf-goodwill-06', 1000);
    const before = await world.order('order-cnl-06');

    expect(await fieldsOf(cancel('order-cnl-06'))).toEqual({ name: 'ConflictError', paths: ['status'] });
    expect(await world.order('order-cnl-06')).toEqual(before);
    expect(await world.available('MUG-1')).toBe(0);
  });
});

describe('a refund Stripe refused, asked again with the same key (DynamoDB Local, a fake Stripe)', () => {
  it('is told the same 422 naming amount, not a 201 of the failed refund, and Stripe is not asked again', async () => {
    await world.store(aPaidOrder('order-cnl-31'));
    world.stripe.next('refuse');
    expect(await fieldsOf(refund('order-cnl-31', 'rf-key-31', 1000))).toEqual({ name: 'RefundRefusedError', paths: ['amount'] });
    const asked = world.stripe.calls.length;
    expect(await fieldsOf(refund('order-cnl-31', 'rf-key-31', 1000))).toEqual({ name: 'RefundRefusedError', paths: ['amount'] });
    expect(world.stripe.calls.length).toBe(asked);
    expect(await refundsOf('order-cnl-31')).toEqual([['rf-key-31', 'failed', 1000]]);
  });
});

describe('a paid order cancelled while Stripe does not answer, or refuses its refund (DynamoDB Local, a fake Stripe)', () => {
  it('Stripe silent: 503, the order cancelled and its refund reserved; the cancel sent again completes that refund, once, with its credit note', async () => {
    await world.store(aPaidOrder('order-cnl-32'));
    world.stripe.next('down');
    expect(await fieldsOf(cancel('order-cnl-32'))).toEqual({ name: 'UnavailableError', paths: [] });
    expect((await world.order('order-cnl-32')).status).toBe('cancelled');
    expect(await refundsOf('order-cnl-32')).toEqual([['rf-cancel-order-cnl-32', 'pending', 3500]]);

    const answer = await cancel('order-cnl-32');
    expect(answer.refunds.map((r) => [r.id, r.status, r.amount.amount])).toEqual([['rf-cancel-order-cnl-32', 'succeeded', 3500]]);
    expect(world.stripe.calls.filter((c) => c.key === 'refund-rf-cancel-order-cnl-32')).toHaveLength(2);
    expect(await factsOf('CreditNoteIssued', 'order-cnl-32')).toHaveLength(1);
    // Sent again: nothing more.
    await cancel('order-cnl-32');
    expect(world.stripe.calls.filter((c) => c.key === 'refund-rf-cancel-order-cnl-32')).toHaveLength(2);
  });

  it('Stripe refusing: 200, the order cancelled with its refund failed (RefundFailed), the same when sent again; the shop refunds it itself', async () => {
    await world.store(aPaidOrder('order-cnl-33'));
    world.stripe.next('refuse');
    const answer = await cancel('order-cnl-33');
    expect(answer.status).toBe('cancelled');
    expect(answer.refunds.map((r) => [r.id, r.status])).toEqual([['rf-cancel-order-cnl-33', 'failed']]);
    expect(await factsOf('RefundFailed', 'order-cnl-33')).toHaveLength(1);
    expect((await cancel('order-cnl-33')).refunds.map((r) => r.status)).toEqual(['failed']);
    expect((await refund('order-cnl-33', 'rf-shop-33')).status).toBe('succeeded');
  });
});
