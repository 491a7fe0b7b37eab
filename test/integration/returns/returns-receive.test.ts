import { beforeAll, describe, expect, it } from 'vitest';
import { orderView, readableOrder } from '#ordering/index';
import { approveReturn } from '#returns/app/approve-return';
import { issueRefund } from '#returns/app/issue-refund';
import { receiveReturn } from '#returns/app/receive-return';
import { reportOverdueRefunds } from '#returns/app/report-overdue-refunds';
import { requestReturn } from '#returns/app/request-return';
import { settleRefund } from '#returns/app/settle-refund';
import { aDeliveredOrder, eur, mugsOnly } from '../../unit/returns/returns-fixtures';
import { fieldsOf, returnsWorld } from './returns-setup';

let world: Awaited<ReturnType<typeof returnsWorld>>;
beforeAll(async () => {
  world = await returnsWorld();
});

/** A delivered order of 2 mugs, an e-book and 6.00 of delivery (35.00), with an approved return of its mugs. */
const approvedReturn = async (orderId: string, quantity = 2, approve = true) => {
  await world.store(aDeliveredOrder(orderId));
  const order = await readableOrder(world.deps, { orderId, token: `token-${orderId}`, customerId: undefined });
  const ret = await requestReturn(world.deps, { order, items: [{ sku: 'MUG-1', quantity, reason: 'withdrawal' }] }, 'c');
  if (approve) await approveReturn(world.deps, { returnId: ret.id }, 'c');
  return ret.id;
};
const receive = (returnId: string, received: number, damaged: number) => receiveReturn(world.deps, { returnId, items: [{ sku: 'MUG-1', received, damaged }] }, 'c');
const factsOf = async (name: string, orderId: string) => (await world.facts()).filter((f) => f.name === name && JSON.stringify(f.data).includes(orderId));

/** A withdrawal asked on 3 December is refunded by the 17th (14 days). */
const DUE = '2026-12-17T10:00:00.000Z';
const reportOverdueOn = async (day: string) => {
  world.clock.now = new Date(day);
  try {
    await reportOverdueRefunds(world.deps, 'c');
  } finally {
    world.clock.now = new Date('2026-12-03T10:00:00.000Z');
  }
};

describe('receiving a return (DynamoDB Local, a fake Stripe)', () => {
  it('restocks the undamaged units, refunds the received ones with the delivery (full withdrawal), issues a credit note', async () => {
    const returnId = await approvedReturn('order-rcv-01');
    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;
    const answered = await receive(returnId, 2, 1);
    expect(answered).toMatchObject({ id: returnId, orderId: 'order-rcv-01', status: 'refunded', received: [{ sku: 'MUG-1', received: 2, damaged: 1 }] });
    expect(await world.available('MUG-1')).toBe(before + 1);
    expect(world.stripe.calls.slice(calls)).toEqual([{ key: `refund-rf-${returnId}`, amount: 3000 }]);

    const order = await world.order('order-rcv-01');
    expect(order.status).toBe('partially_refunded');
    expect(order.refunds).toEqual([
      expect.objectContaining({ id: `rf-${returnId}`, returnId, status: 'succeeded', amount: { amount: 3000, currency: 'EUR' }, creditNoteNumber: expect.stringMatching(/^A2026-\d{6}$/) }),
    ]);
    expect(order.returns?.[0]).toMatchObject({ status: 'refunded', refundId: `rf-${returnId}` });
    expect(order.creditNotes?.[0]?.totals.includingTax).toEqual({ amount: 3000, currency: 'EUR' });
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
    expect((await factsOf('ReturnReceived', 'order-rcv-01')).map((f) => f.data.return)).toEqual([
      expect.objectContaining({ id: returnId, status: 'received', received: [{ sku: 'MUG-1', received: 2, damaged: 1 }] }),
    ]);
    expect(await factsOf('RefundIssued', 'order-rcv-01')).toHaveLength(1);
    expect(await factsOf('CreditNoteIssued', 'order-rcv-01')).toHaveLength(1);

    // Received again with the same counts (a retry): the same answer, nothing restocked or refunded twice.
    expect(await receive(returnId, 2, 1)).toEqual(answered);
    // With other counts: 409 naming `items`, and nothing changes.
    expect(await fieldsOf(receive(returnId, 2, 0))).toEqual({ name: 'ConflictError', paths: ['items'] });
    expect(await world.available('MUG-1')).toBe(before + 1);
    expect(world.stripe.calls.length).toBe(calls + 1);
    expect((await world.order('order-rcv-01')).returns?.[0]?.received).toEqual([{ sku: 'MUG-1', received: 2, damaged: 1 }]);
  });

  it('Stripe not answering: 503, the return stays received with its refund pending; the same call completes it, one refund at Stripe', async () => {
    const returnId = await approvedReturn('order-rcv-02', 1);
    const before = await world.available('MUG-1');
    world.stripe.next('down');
    expect(await fieldsOf(receive(returnId, 1, 0))).toMatchObject({ name: 'UnavailableError' });
    const waiting = await world.order('order-rcv-02');
    expect(waiting.returns?.[0]).toMatchObject({ status: 'received', refundId: `rf-${returnId}` });
    expect(waiting.refunds?.map((r) => r.status)).toEqual(['pending']);
    expect(await world.available('MUG-1')).toBe(before + 1);

    expect((await receive(returnId, 1, 0)).status).toBe('refunded');
    expect(world.stripe.calls.filter((c) => c.key === `refund-rf-${returnId}`)).toHaveLength(2);
    expect([...world.stripe.refunds.keys()].filter((k) => k.includes(returnId))).toEqual([`refund-rf-${returnId}`]);
    const done = await world.order('order-rcv-02');
    expect(done.refunds?.map((r) => [r.status, r.amount.amount])).toEqual([['succeeded', 1200]]);
    expect(await world.available('MUG-1')).toBe(before + 1);
    expect(await factsOf('ReturnReceived', 'order-rcv-02')).toHaveLength(1);
  });

  it('Stripe refusing: 422, RefundFailed, the amount refundable again; received again, a new refund gives it back', async () => {
    const returnId = await approvedReturn('order-rcv-03', 1);
    world.stripe.next('refuse');
    expect(await fieldsOf(receive(returnId, 1, 0))).toEqual({ name: 'RefundRefusedError', paths: ['amount'] });
    const refused = await world.order('order-rcv-03');
    expect(refused.returns?.[0]?.status).toBe('received');
    expect(refused.refunds?.map((r) => [r.id, r.status])).toEqual([[`rf-${returnId}`, 'failed']]);
    expect(await factsOf('RefundFailed', 'order-rcv-03')).toHaveLength(1);

    expect((await receive(returnId, 1, 0)).status).toBe('refunded');
    const done = await world.order('order-rcv-03');
    expect(done.refunds?.map((r) => [r.id, r.status, r.amount.amount])).toEqual([
      [`rf-${returnId}`, 'failed', 1200],
      [`rf-${returnId}-2`, 'succeeded', 1200],
    ]);
    expect(done.status).toBe('partially_refunded');
  });

  it('received twice at once: restocked and refunded once', async () => {
    const returnId = await approvedReturn('order-rcv-04');
    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;
    const answers = await Promise.all([receive(returnId, 2, 0), receive(returnId, 2, 0)]);
    expect(answers.map((a) => a.status)).toEqual(['refunded', 'refunded']);
    expect(await world.available('MUG-1')).toBe(before + 2);
    expect(new Set(world.stripe.calls.slice(calls).map((c) => c.key))).toEqual(new Set([`refund-rf-${returnId}`]));
    expect((await world.order('order-rcv-04')).refunds).toHaveLength(1);
    expect(await factsOf('ReturnReceived', 'order-rcv-04')).toHaveLength(1);
  });

  it('received twice at once with different counts: one receipt recorded, restocked and refunded; the other refused (409 naming items)', async () => {
    const returnId = await approvedReturn('order-rcv-10');
    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;
    const outcomes = await Promise.allSettled([receive(returnId, 1, 1), receive(returnId, 2, 0)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
    const refused = outcomes[1 - winner] as PromiseRejectedResult;
    expect(await fieldsOf(Promise.reject(refused.reason))).toEqual({ name: 'ConflictError', paths: ['items'] });
    const recorded = [{ sku: 'MUG-1', received: 1, damaged: 1 }, { sku: 'MUG-1', received: 2, damaged: 0 }][winner]!;
    const order = await world.order('order-rcv-10');
    expect(order.returns?.[0]?.received).toEqual([recorded]);
    expect(await world.available('MUG-1')).toBe(before + recorded.received - recorded.damaged);
    // One mug is 12.00; both back, the withdrawal is full and its 6.00 of delivery is refunded too.
    expect(world.stripe.calls.slice(calls)).toEqual([{ key: `refund-rf-${returnId}`, amount: winner === 0 ? 1200 : 3000 }]);
    expect(await factsOf('ReturnReceived', 'order-rcv-10')).toHaveLength(1);
  });

  it('the order refunded in full before the goods came back: received and restocked, no refund, the return ends refunded and owes nothing', async () => {
    const returnId = await approvedReturn('order-rcv-07');
    await issueRefund(world.deps, { orderId: 'order-rcv-07', request: { id: 'rf-everything-07', reason: 'refund everything now' } }, 'c');
    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;

    const answered = await receive(returnId, 2, 0);
    expect(answered).toMatchObject({ id: returnId, status: 'refunded', received: [{ sku: 'MUG-1', received: 2, damaged: 0 }] });
    expect(answered).not.toHaveProperty('refundId');
    expect(await world.available('MUG-1')).toBe(before + 2);
    expect(world.stripe.calls.length).toBe(calls);
    const order = await world.order('order-rcv-07');
    expect(order.status).toBe('refunded');
    expect(order.refunds?.map((r) => [r.id, r.amount.amount])).toEqual([['rf-everything-07', 3500]]);
    expect(order.returns?.[0]).toMatchObject({ status: 'refunded', receivedAt: expect.any(String) });
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
    expect((await factsOf('ReturnReceived', 'order-rcv-07')).map((f) => f.data.return)).toEqual([expect.objectContaining({ id: returnId, status: 'refunded' })]);

    // Sent again: answered as it is, nothing restocked twice. Past the deadline: nothing is overdue.
    expect((await receive(returnId, 2, 0)).status).toBe('refunded');
    expect(await world.available('MUG-1')).toBe(before + 2);
    world.clock.now = new Date('2026-12-31T10:00:00.000Z');
    try {
      await reportOverdueRefunds(world.deps, 'c');
    } finally {
      world.clock.now = new Date('2026-12-03T10:00:00.000Z');
    }
    expect(await factsOf('RefundOverdue', 'order-rcv-07')).toHaveLength(0);
  });

  it('a return left received by a refused refund, the order since refunded in full: received again, it ends refunded, publishing nothing again', async () => {
    const returnId = await approvedReturn('order-rcv-08');
    world.stripe.next('refuse');
    expect(await fieldsOf(receive(returnId, 2, 0))).toEqual({ name: 'RefundRefusedError', paths: ['amount'] });
    await issueRefund(world.deps, { orderId: 'order-rcv-08', request: { id: 'rf-everything-08', reason: 'refund everything now' } }, 'c');
    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;

    expect((await receive(returnId, 2, 0)).status).toBe('refunded');
    expect(await world.available('MUG-1')).toBe(before);
    expect(world.stripe.calls.length).toBe(calls);
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
    expect(await factsOf('ReturnReceived', 'order-rcv-08')).toHaveLength(1);
  });

  it('the order refunded in full between the receipt and its refund: the return still ends refunded, nothing refunded twice', async () => {
    const returnId = await approvedReturn('order-rcv-09');
    const refundEverything = () => issueRefund(world.deps, { orderId: 'order-rcv-09', request: { id: 'rf-everything-09', reason: 'refund everything now' } }, 'c');
    // The shop's refund lands right after the receipt is written.
    const save: typeof world.deps.store.save = async (order, change) => {
      const saved = await world.deps.store.save(order, change);
      if (saved && change.restock) await refundEverything();
      return saved;
    };
    const racing = { ...world.deps, store: { ...world.deps.store, save } };
    const before = await world.available('MUG-1');

    const answered = await receiveReturn(racing, { returnId, items: [{ sku: 'MUG-1', received: 2, damaged: 0 }] }, 'c');
    expect(answered.status).toBe('refunded');
    expect(await world.available('MUG-1')).toBe(before + 2);
    expect((await world.order('order-rcv-09')).refunds?.map((r) => [r.id, r.amount.amount])).toEqual([['rf-everything-09', 3500]]);
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
  });

  it('refuses a return not approved (409 naming status), lines that do not match it (422 naming them), an unknown return (404)', async () => {
    const requested = await approvedReturn('order-rcv-05', 1, false);
    expect(await fieldsOf(receive(requested, 1, 0))).toEqual({ name: 'ConflictError', paths: ['status'] });
    const returnId = await approvedReturn('order-rcv-06', 1);
    expect(await fieldsOf(receive(returnId, 2, 0))).toEqual({ name: 'UnprocessableError', paths: ['items.0.received'] });
    expect(await fieldsOf(receive(returnId, 0, 0))).toEqual({ name: 'UnprocessableError', paths: ['items'] });
    expect((await world.order('order-rcv-06')).returns?.[0]?.status).toBe('approved');
    expect(await fieldsOf(receive('no-such-return', 1, 0))).toEqual({ name: 'NotFoundError', paths: [] });
  });

  it('a unit asked back and not received stays the customer\'s: asked again, it is returned and refunded, with the delivery once both mugs are back', async () => {
    await world.store(aDeliveredOrder('order-rcv-11', mugsOnly()));
    const order = async () => readableOrder(world.deps, { orderId: 'order-rcv-11', token: 'token-order-rcv-11', customerId: undefined });
    const ask = async (quantity: number) => requestReturn(world.deps, { order: await order(), items: [{ sku: 'MUG-1', quantity, reason: 'withdrawal' }] }, 'c');
    const first = await ask(2);
    await approveReturn(world.deps, { returnId: first.id }, 'c');
    expect((await receive(first.id, 1, 0)).status).toBe('refunded');
    expect(await fieldsOf(ask(2))).toEqual({ name: 'UnprocessableError', paths: ['items.0.quantity'] });

    const second = await ask(1);
    await approveReturn(world.deps, { returnId: second.id }, 'c');
    expect((await receive(second.id, 1, 0)).status).toBe('refunded');
    const after = await world.order('order-rcv-11');
    expect(after.refunds?.map((r) => [r.returnId, r.amount.amount])).toEqual([
      [first.id, 1200],
      [second.id, 1200 + 600],
    ]);
    expect(after.status).toBe('refunded');
    expect(await fieldsOf(ask(1))).toEqual({ name: 'ConflictError', paths: ['status'] });
  });
});

describe('a withdrawal approved, then the order refunded by the shop (DynamoDB Local, a fake Stripe)', () => {
  it('refunded in full: nothing is owed, the deadline leaves the return, the order and the watch, never reported overdue; the goods received later are restocked and refund nothing', async () => {
    const returnId = await approvedReturn('order-rcv-12');
    expect(orderView(await world.order('order-rcv-12')).refundDueBy).toBe(DUE);
    await issueRefund(world.deps, { orderId: 'order-rcv-12', request: { id: 'rf-everything-12', reason: 'refund everything now' } }, 'c');

    const refunded = await world.order('order-rcv-12');
    expect(refunded.status).toBe('refunded');
    expect(refunded.returns?.[0]).toMatchObject({ id: returnId, status: 'approved' });
    expect(refunded.returns?.[0]).not.toHaveProperty('refundDueBy');
    expect(orderView(refunded)).not.toHaveProperty('refundDueBy');
    expect(orderView(refunded).returns[0]).not.toHaveProperty('refundDueBy');
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
    await reportOverdueOn('2026-12-31T10:00:00.000Z');
    expect(await factsOf('RefundOverdue', 'order-rcv-12')).toHaveLength(0);

    const before = await world.available('MUG-1');
    const calls = world.stripe.calls.length;
    expect(await receive(returnId, 2, 0)).toMatchObject({ id: returnId, status: 'refunded', received: [{ sku: 'MUG-1', received: 2, damaged: 0 }] });
    expect(await world.available('MUG-1')).toBe(before + 2);
    expect(world.stripe.calls.length).toBe(calls);
    expect((await world.order('order-rcv-12')).refunds?.map((r) => [r.id, r.amount.amount])).toEqual([['rf-everything-12', 3500]]);
  });

  it('refunded in part: the return still owes its refund when its goods come back, so its deadline stays, on the order and the watch, and is reported when passed', async () => {
    const returnId = await approvedReturn('order-rcv-13');
    await issueRefund(world.deps, { orderId: 'order-rcv-13', request: { id: 'rf-part-13', reason: 'goodwill', amount: eur(500) } }, 'c');

    const order = await world.order('order-rcv-13');
    expect(order.status).toBe('partially_refunded');
    expect(order.returns?.[0]).toMatchObject({ id: returnId, status: 'approved', refundDueBy: DUE });
    expect(orderView(order).refundDueBy).toBe(DUE);
    expect(await world.lookup(returnId)).toMatchObject({ GSI2PK: 'REFUND_DUE' });
    await reportOverdueOn('2026-12-18T10:00:00.000Z');
    expect(await factsOf('RefundOverdue', 'order-rcv-13')).toHaveLength(1);

    // Received: both mugs and the delivery (a full withdrawal), within what is left.
    expect((await receive(returnId, 2, 0)).status).toBe('refunded');
    expect((await world.order('order-rcv-13')).refunds?.map((r) => [r.id, r.amount.amount])).toEqual([
      ['rf-part-13', 500],
      [`rf-${returnId}`, 3000],
    ]);
  });
});

describe('a withdrawal refunded, then its refund failed by the bank (DynamoDB Local, a fake Stripe)', () => {
  it('the return is received again, its refund owed: its deadline back on the order and the watch with RefundFailed, reported once more when passed; received again, a new refund gives it back', async () => {
    const returnId = await approvedReturn('order-rcv-14', 1);
    await reportOverdueOn('2026-12-18T10:00:00.000Z');
    expect(await factsOf('RefundOverdue', 'order-rcv-14')).toHaveLength(1);
    expect((await receive(returnId, 1, 0)).status).toBe('refunded');
    expect(orderView(await world.order('order-rcv-14'))).not.toHaveProperty('refundDueBy');
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');

    // Stripe's refund.updated: succeeded, then failed (pm_card_refundFail).
    await settleRefund(world.deps, { orderId: 'order-rcv-14', refundId: `rf-${returnId}`, status: 'failed', failureReason: 'expired_or_canceled_card' }, 'c');
    const failed = await world.order('order-rcv-14');
    expect(failed.refunds?.map((r) => [r.id, r.status])).toEqual([[`rf-${returnId}`, 'failed']]);
    expect(failed.returns?.[0]).toMatchObject({ id: returnId, status: 'received', refundDueBy: DUE });
    expect(failed.returns?.[0]).not.toHaveProperty('overdueReportedAt');
    expect(orderView(failed).refundDueBy).toBe(DUE);
    expect(await world.lookup(returnId)).toMatchObject({ GSI2PK: 'REFUND_DUE', GSI2SK: `${DUE}#${returnId}` });
    expect(await world.lookup(returnId)).not.toHaveProperty('overdueReportedAt');
    expect((await factsOf('RefundFailed', 'order-rcv-14')).map((f) => f.data.refund)).toEqual([expect.objectContaining({ id: `rf-${returnId}`, returnId, status: 'failed' })]);
    await reportOverdueOn('2026-12-19T10:00:00.000Z');
    expect(await factsOf('RefundOverdue', 'order-rcv-14')).toHaveLength(2);

    expect((await receive(returnId, 1, 0)).status).toBe('refunded');
    const refunded = await world.order('order-rcv-14');
    expect(refunded.refunds?.map((r) => [r.id, r.status, r.amount.amount])).toEqual([
      [`rf-${returnId}`, 'failed', 1200],
      [`rf-${returnId}-2`, 'succeeded', 1200],
    ]);
    expect(orderView(refunded)).not.toHaveProperty('refundDueBy');
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
  });

  it('a refund of no return failing after it succeeded moves no return', async () => {
    const returnId = await approvedReturn('order-rcv-15', 1);
    expect((await receive(returnId, 1, 0)).status).toBe('refunded');
    await issueRefund(world.deps, { orderId: 'order-rcv-15', request: { id: 'rf-goodwill-15', reason: 'goodwill', amount: eur(500) } }, 'c');
    await settleRefund(world.deps, { orderId: 'order-rcv-15', refundId: 'rf-goodwill-15', status: 'failed', failureReason: 'expired_or_canceled_card' }, 'c');
    const order = await world.order('order-rcv-15');
    expect(order.refunds?.map((r) => [r.id, r.status])).toEqual([
      [`rf-${returnId}`, 'succeeded'],
      ['rf-goodwill-15', 'failed'],
    ]);
    expect(order.returns?.[0]).toMatchObject({ id: returnId, status: 'refunded' });
    expect(orderView(order)).not.toHaveProperty('refundDueBy');
    expect(await world.lookup(returnId)).not.toHaveProperty('GSI2PK');
  });
});
