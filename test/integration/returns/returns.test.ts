import { beforeAll, describe, expect, it } from 'vitest';
import { orderView, readableOrder, type OrderReader } from '#ordering/index';
import { approveReturn } from '#returns/app/approve-return';
import { receiveReturn } from '#returns/app/receive-return';
import { rejectReturn } from '#returns/app/reject-return';
import { requestReturn } from '#returns/app/request-return';
import { aDeliveredOrder } from '../../unit/returns/returns-fixtures';
import { fieldsOf, returnsWorld } from './returns-setup';

let world: Awaited<ReturnType<typeof returnsWorld>>;
beforeAll(async () => {
  world = await returnsWorld();
});

const withToken = (orderId: string): OrderReader => ({ orderId, token: `token-${orderId}`, customerId: undefined });
/** As the returns function asks: the reader checked first (readableOrder), then the return. */
const ask = async (orderId: string, quantity: number, reason: 'withdrawal' | 'defective' = 'withdrawal', reader: OrderReader = withToken(orderId)) =>
  requestReturn(world.deps, { order: await readableOrder(world.deps, reader), items: [{ sku: 'MUG-1', quantity, reason }] }, 'corr-1');
const factsAbout = async (name: string, returnId: string) => (await world.facts()).filter((f) => f.name === name && (f.data.return as { id: string }).id === returnId);

describe('asking for a return (DynamoDB Local)', () => {
  it('puts the return on the order, its lookup on the refund-deadline watch, and ReturnRequested with the customer', async () => {
    await world.store(aDeliveredOrder('order-ret-01'));
    world.clock.now = new Date('2026-12-03T10:00:00.000Z');
    const ret = await ask('order-ret-01', 1);
    expect(ret).toMatchObject({ orderId: 'order-ret-01', status: 'requested', items: [{ sku: 'MUG-1', quantity: 1, reason: 'withdrawal' }], refundDueBy: '2026-12-17T10:00:00.000Z' });
    expect((await world.order('order-ret-01')).returns).toEqual([expect.objectContaining({ id: ret.id, status: 'requested' })]);
    expect(await world.lookup(ret.id)).toMatchObject({ orderId: 'order-ret-01', GSI2PK: 'REFUND_DUE', GSI2SK: `2026-12-17T10:00:00.000Z#${ret.id}` });
    expect(await world.deps.store.overdueReturns(new Date('2026-12-18T00:00:00.000Z'), 10)).toContainEqual({ orderId: 'order-ret-01', returnId: ret.id });
    const [fact] = await factsAbout('ReturnRequested', ret.id);
    expect(fact?.data).toMatchObject({ order: { id: 'order-ret-01', customer: { email: 'camille@example.fr', locale: 'fr' } }, return: { id: ret.id, status: 'requested' } });
  });

  it('only for whoever may read the order: no token, a wrong one or another customer get the 404 of an unknown order', async () => {
    await world.store(aDeliveredOrder('order-ret-02', { customerId: 'cust-camille' }));
    for (const reader of [
      { orderId: 'order-ret-02', token: undefined, customerId: undefined },
      { orderId: 'order-ret-02', token: 'token-order-ret-01', customerId: undefined },
      { orderId: 'order-ret-02', token: undefined, customerId: 'cust-someone-else' },
    ]) {
      expect(await fieldsOf(ask('order-ret-02', 1, 'withdrawal', reader))).toEqual({ name: 'NotFoundError', paths: [] });
    }
    expect((await world.order('order-ret-02')).returns).toBeUndefined();
    expect((await ask('order-ret-02', 1, 'defective', { orderId: 'order-ret-02', token: undefined, customerId: 'cust-camille' })).status).toBe('requested');
  });

  it('never more than bought minus asked back (422 naming the line), nothing written', async () => {
    await world.store(aDeliveredOrder('order-ret-03'));
    expect(await fieldsOf(ask('order-ret-03', 3))).toEqual({ name: 'UnprocessableError', paths: ['items.0.quantity'] });
    await ask('order-ret-03', 2, 'defective');
    expect(await fieldsOf(ask('order-ret-03', 1))).toEqual({ name: 'UnprocessableError', paths: ['items.0.quantity'] });
    expect((await world.order('order-ret-03')).returns).toHaveLength(1);
  });

  it('within the window of the settings, counted from the last delivery: day 15 → 422, 30 days when the shop says so', async () => {
    await world.store(aDeliveredOrder('order-ret-04'));
    world.clock.now = new Date('2026-12-16T10:00:00.000Z');
    expect(await fieldsOf(ask('order-ret-04', 1))).toEqual({ name: 'UnprocessableError', paths: ['items'] });
    world.settings.returnWindowDays = 30;
    try {
      expect((await ask('order-ret-04', 1)).status).toBe('requested');
    } finally {
      world.settings.returnWindowDays = 14;
      world.clock.now = new Date('2026-12-03T10:00:00.000Z');
    }
  });
});

describe('the shop decides (DynamoDB Local)', () => {
  it('approves once: ReturnApproved once even when approved again; once received it cannot be rejected (409 naming status)', async () => {
    await world.store(aDeliveredOrder('order-ret-05'));
    const ret = await ask('order-ret-05', 1);
    const approved = await approveReturn(world.deps, { returnId: ret.id }, 'corr-2');
    expect(approved).toMatchObject({ id: ret.id, orderId: 'order-ret-05', status: 'approved' });
    expect(await approveReturn(world.deps, { returnId: ret.id }, 'corr-3')).toEqual(approved);
    expect(await factsAbout('ReturnApproved', ret.id)).toHaveLength(1);
    await receiveReturn(world.deps, { returnId: ret.id, items: [{ sku: 'MUG-1', received: 1, damaged: 0 }] }, 'corr-4a');
    expect(await fieldsOf(rejectReturn(world.deps, { returnId: ret.id, reason: 'too late' }, 'corr-4'))).toEqual({ name: 'ConflictError', paths: ['status'] });
  });

  it('rejects an approved return whose goods never came back (a receipt of nothing is refused): its units may be asked back again', async () => {
    await world.store(aDeliveredOrder('order-ret-05b'));
    const ret = await ask('order-ret-05b', 2);
    await approveReturn(world.deps, { returnId: ret.id }, 'corr-4b');
    expect((await ask('order-ret-05b', 1).catch((e: unknown) => e)) as Error).toMatchObject({ name: 'UnprocessableError' });
    const rejected = await rejectReturn(world.deps, { returnId: ret.id, reason: 'Nothing arrived within 14 days' }, 'corr-4c');
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Nothing arrived within 14 days' });
    expect(rejected).not.toHaveProperty('refundDueBy');
    expect(await world.lookup(ret.id)).not.toHaveProperty('GSI2PK');
    expect((await ask('order-ret-05b', 2)).status).toBe('requested');
  });

  it('rejects with its reason: no refund owed, so no deadline on it or the order and off the watch, ReturnRejected, and its units may be asked back again', async () => {
    await world.store(aDeliveredOrder('order-ret-06'));
    const ret = await ask('order-ret-06', 2);
    // A withdrawal: its refund owed within 14 days of the request, until it is rejected.
    expect(ret.refundDueBy).toBe(new Date(world.clock.now.getTime() + 14 * 86_400_000).toISOString());
    const rejected = await rejectReturn(world.deps, { returnId: ret.id, reason: 'Mugs used, not in their box' }, 'corr-5');
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Mugs used, not in their box' });
    expect(rejected).not.toHaveProperty('refundDueBy');
    const order = orderView(await world.order('order-ret-06'));
    expect(order).not.toHaveProperty('refundDueBy');
    expect(order.returns[0]).not.toHaveProperty('refundDueBy');
    const lookup = await world.lookup(ret.id);
    expect(lookup).toMatchObject({ orderId: 'order-ret-06' });
    expect(lookup).not.toHaveProperty('GSI2PK');
    expect(await factsAbout('ReturnRejected', ret.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ return: expect.objectContaining({ rejectionReason: 'Mugs used, not in their box' }) }) })]);
    expect(await fieldsOf(approveReturn(world.deps, { returnId: ret.id }, 'corr-6'))).toEqual({ name: 'ConflictError', paths: ['status'] });
    expect((await ask('order-ret-06', 2)).status).toBe('requested');
  });

  it('a rejection is never rewritten: the same reason again is a retry (ReturnRejected once), another reason a 409 naming status, the first reason kept', async () => {
    await world.store(aDeliveredOrder('order-ret-06b'));
    const ret = await ask('order-ret-06b', 1);
    const rejected = await rejectReturn(world.deps, { returnId: ret.id, reason: 'A' }, 'corr-5b');
    expect(await rejectReturn(world.deps, { returnId: ret.id, reason: 'A' }, 'corr-5c')).toEqual(rejected);
    const before = await world.order('order-ret-06b');
    expect(await fieldsOf(rejectReturn(world.deps, { returnId: ret.id, reason: 'B' }, 'corr-5d'))).toEqual({ name: 'ConflictError', paths: ['status'] });
    expect(await world.order('order-ret-06b')).toEqual(before);
    expect(before.returns?.[0]).toMatchObject({ status: 'rejected', rejectionReason: 'A' });
    expect(await factsAbout('ReturnRejected', ret.id)).toHaveLength(1);
  });

  it('concurrent rejections with different reasons: one wins, the others are a 409 naming status, one ReturnRejected with the winning reason', async () => {
    await world.store(aDeliveredOrder('order-ret-06c'));
    const ret = await ask('order-ret-06c', 1);
    const reasons = ['A', 'B', 'C'];
    const outcomes = await Promise.all(reasons.map((reason, i) => fieldsOf(rejectReturn(world.deps, { returnId: ret.id, reason }, `corr-5e-${i}`))));
    expect(outcomes.filter((o) => o.name === 'none')).toHaveLength(1);
    expect(outcomes.filter((o) => o.name !== 'none')).toEqual([
      { name: 'ConflictError', paths: ['status'] },
      { name: 'ConflictError', paths: ['status'] },
    ]);
    const winner = reasons[outcomes.findIndex((o) => o.name === 'none')];
    expect((await world.order('order-ret-06c')).returns?.[0]).toMatchObject({ status: 'rejected', rejectionReason: winner });
    expect((await factsAbout('ReturnRejected', ret.id)).map((f) => (f.data.return as { rejectionReason: string }).rejectionReason)).toEqual([winner]);
  });

  it('an unknown return is a 404', async () => {
    expect(await fieldsOf(approveReturn(world.deps, { returnId: 'no-such-return' }, 'corr-7'))).toEqual({ name: 'NotFoundError', paths: [] });
    expect(await fieldsOf(rejectReturn(world.deps, { returnId: 'no-such-return', reason: 'x' }, 'corr-8'))).toEqual({ name: 'NotFoundError', paths: [] });
  });
});
