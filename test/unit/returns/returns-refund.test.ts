import { describe, expect, it } from 'vitest';
import { restockedByReturn } from '#catalog/app/report-order-stock';
import type { OrderRefund, OrderReturn } from '#ordering/domain/after-sales';
import { refundOfReturn } from '#returns/app/receive-return';
import { deadlinesNoLongerOwed, endedWithoutRefund } from '#returns/domain/returns';
import { aDeliveredOrder, eur, mugsOnly } from './returns-fixtures';

const received = (id: string, lines: { sku: string; quantity: number; received: number; damaged: number; reason?: 'withdrawal' | 'defective' | 'other' }[]): OrderReturn => ({
  id,
  status: 'received',
  items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason ?? 'withdrawal' })),
  createdAt: '2026-12-02T10:00:00.000Z',
  received: lines.map((l) => ({ sku: l.sku, received: l.received, damaged: l.damaged })),
});
const attempt = (id: string, returnId: string, status: OrderRefund['status']): OrderRefund => ({
  id,
  amount: eur(1200),
  reason: 'x',
  status,
  createdAt: '2026-12-03T10:00:00.000Z',
  lines: [{ sku: 'MUG-1', quantity: 1, amount: eur(1200), vat: eur(200), vatRate: 2000 }],
  returnId,
});

describe('the refund of a received return', () => {
  it('refunds the received units, damaged ones too, at what they cost; its id derives from the return', () => {
    const ret = received('ret-1', [{ sku: 'MUG-1', quantity: 1, received: 1, damaged: 1 }]);
    const order = aDeliveredOrder('o-1', { returns: [ret] });
    expect(refundOfReturn(order, ret)).toEqual({
      id: 'rf-ret-1',
      reason: 'Return ret-1',
      returnId: 'ret-1',
      lines: [{ sku: 'MUG-1', quantity: 1, amount: eur(1200), vat: eur(200), vatRate: 2000 }],
    });
  });

  it('gives the delivery cost back too once everything came back, as a withdrawal or not conforming; never for goods sent back for other reasons', () => {
    const all = received('ret-2', [{ sku: 'MUG-1', quantity: 2, received: 2, damaged: 0 }]);
    const request = refundOfReturn(aDeliveredOrder('o-2', { returns: [all] }), all);
    expect(request.shipping).toEqual({ amount: eur(600), vat: eur(100), byRate: [{ amount: eur(600), vat: eur(100), vatRate: 2000 }] });
    expect(request.lines?.reduce((n, l) => n + l.amount.amount, 0)).toBe(2400);
    // A contract ended for non-conformity refunds the price paid, delivery included (L217-16).
    const defective = received('ret-3', [{ sku: 'MUG-1', quantity: 2, received: 2, damaged: 2, reason: 'defective' }]);
    expect(refundOfReturn(aDeliveredOrder('o-3', { returns: [defective] }), defective).shipping?.amount).toEqual(eur(600));
    const mixed = received('ret-7', [
      { sku: 'MUG-1', quantity: 1, received: 1, damaged: 0 },
      { sku: 'MUG-1', quantity: 1, received: 1, damaged: 1, reason: 'defective' },
    ]);
    expect(refundOfReturn(aDeliveredOrder('o-7', { returns: [mixed] }), mixed).shipping?.amount).toEqual(eur(600));
    const other = received('ret-8', [
      { sku: 'MUG-1', quantity: 1, received: 1, damaged: 0 },
      { sku: 'MUG-1', quantity: 1, received: 1, damaged: 0, reason: 'other' },
    ]);
    expect(refundOfReturn(aDeliveredOrder('o-8', { returns: [other] }), other)).not.toHaveProperty('shipping');
    const oneMissing = received('ret-5', [{ sku: 'MUG-1', quantity: 2, received: 1, damaged: 0 }]);
    expect(refundOfReturn(aDeliveredOrder('o-5', { returns: [oneMissing] }), oneMissing)).not.toHaveProperty('shipping');
  });

  it('gives the delivery cost back with the last unit the customer had, the rest cancelled by the shop before it shipped', () => {
    const shipped = aDeliveredOrder('o-6').shipments!.map((s) => ({ ...s, items: [{ sku: 'MUG-1', quantity: 1 }] }));
    const ret = received('ret-6', [{ sku: 'MUG-1', quantity: 1, received: 1, damaged: 0 }]);
    const order = aDeliveredOrder('o-6', { ...mugsOnly(), shipments: shipped, cancelledUnits: [{ sku: 'MUG-1', quantity: 1 }], returns: [ret] });
    expect(refundOfReturn(order, ret).shipping).toEqual({ amount: eur(600), vat: eur(100), byRate: [{ amount: eur(600), vat: eur(100), vatRate: 2000 }] });
    // Without the cancellation, a mug is still with the customer.
    expect(refundOfReturn({ ...order, cancelledUnits: undefined }, ret)).not.toHaveProperty('shipping');
  });

  it('a retry is the same refund while it lives; after Stripe refused it, a new one for what is still owed', () => {
    const ret = received('ret-4', [{ sku: 'MUG-1', quantity: 1, received: 1, damaged: 0 }]);
    const pending = aDeliveredOrder('o-4', { returns: [ret], refunds: [attempt('rf-ret-4', 'ret-4', 'pending')] });
    expect(refundOfReturn(pending, ret).id).toBe('rf-ret-4');
    const refused = aDeliveredOrder('o-4', { returns: [ret], refunds: [attempt('rf-ret-4', 'ret-4', 'failed'), attempt('rf-other', 'ret-9', 'succeeded')] });
    const again = refundOfReturn(refused, ret);
    expect(again.id).toBe('rf-ret-4-2');
    // The failed attempt holds no money: the mug is owed at its full price still. The other return's mug was refunded already.
    expect(again.lines).toEqual([{ sku: 'MUG-1', quantity: 1, amount: eur(1200), vat: eur(200), vatRate: 2000 }]);
    const twice = aDeliveredOrder('o-4', { returns: [ret], refunds: [attempt('rf-ret-4', 'ret-4', 'failed'), attempt('rf-ret-4-2', 'ret-4', 'failed')] });
    expect(refundOfReturn(twice, ret).id).toBe('rf-ret-4-3');
  });
});

describe('a received return with nothing left to refund', () => {
  const ret = received('ret-6', [{ sku: 'MUG-1', quantity: 2, received: 2, damaged: 0 }]);
  /** The whole 35.00 of the order, refunded by the shop, or by a return. */
  const everything = (status: OrderRefund['status'], returnId?: string): OrderRefund => ({
    id: 'rf-all',
    amount: eur(3500),
    reason: 'refund everything now',
    status,
    createdAt: '2026-12-03T10:00:00.000Z',
    lines: [],
    ...(returnId && { returnId }),
  });

  it('ends refunded without a refund of its own when the order was refunded in full, or is being', () => {
    expect(endedWithoutRefund(aDeliveredOrder('o-6', { returns: [ret], refunds: [everything('succeeded')] }), ret)).toEqual({ ...ret, status: 'refunded' });
    expect(endedWithoutRefund(aDeliveredOrder('o-6', { returns: [ret], refunds: [everything('pending')] }), ret)?.status).toBe('refunded');
  });

  it('is owed its refund while money is left, while its own refund holds it, and before its goods came back', () => {
    expect(endedWithoutRefund(aDeliveredOrder('o-7', { returns: [ret] }), ret)).toBeUndefined();
    expect(endedWithoutRefund(aDeliveredOrder('o-7', { returns: [ret], refunds: [everything('failed')] }), ret)).toBeUndefined();
    expect(endedWithoutRefund(aDeliveredOrder('o-7', { returns: [ret], refunds: [everything('pending', 'ret-6')] }), ret)).toBeUndefined();
    const approved = { ...ret, status: 'approved' as const };
    expect(endedWithoutRefund(aDeliveredOrder('o-7', { returns: [approved], refunds: [everything('succeeded')] }), approved)).toBeUndefined();
  });
});

describe('the refund deadlines of withdrawals once the shop refunded the order', () => {
  const DUE = '2026-12-16T10:00:00.000Z';
  const withdrawal = (id: string, status: OrderReturn['status']): OrderReturn => ({ ...received(id, [{ sku: 'MUG-1', quantity: 1, received: 1, damaged: 0 }]), status, refundDueBy: DUE });
  const shopRefund = (amount: number, status: OrderRefund['status'] = 'succeeded'): OrderRefund => ({ id: `rf-shop-${amount}`, amount: eur(amount), reason: 'x', status, createdAt: '2026-12-03T10:00:00.000Z', lines: [] });

  it('go when nothing is left to refund: every open withdrawal loses its deadline, the others stay as they are', () => {
    const returns = [withdrawal('ret-a', 'requested'), withdrawal('ret-b', 'approved'), withdrawal('ret-c', 'received'), withdrawal('ret-d', 'rejected')];
    const lifted = deadlinesNoLongerOwed(aDeliveredOrder('o-8', { returns, refunds: [shopRefund(3500)] }));
    expect(lifted?.settled).toEqual(['ret-a', 'ret-b', 'ret-c']);
    expect(lifted?.returns.map((r) => [r.id, r.status, r.refundDueBy])).toEqual([
      ['ret-a', 'requested', undefined],
      ['ret-b', 'approved', undefined],
      ['ret-c', 'received', undefined],
      ['ret-d', 'rejected', DUE],
    ]);
  });

  it('stay while anything is left to refund, or a return\'s own refund holds the money: its refund is still owed', () => {
    const approved = withdrawal('ret-e', 'approved');
    expect(deadlinesNoLongerOwed(aDeliveredOrder('o-9', { returns: [approved], refunds: [shopRefund(3499)] }))).toBeUndefined();
    expect(deadlinesNoLongerOwed(aDeliveredOrder('o-9', { returns: [approved], refunds: [shopRefund(3500, 'failed')] }))).toBeUndefined();
    const ownRefund = { ...attempt('rf-ret-f', 'ret-f', 'pending'), amount: eur(3500) };
    expect(deadlinesNoLongerOwed(aDeliveredOrder('o-9', { returns: [withdrawal('ret-f', 'received')], refunds: [ownRefund] }))).toBeUndefined();
  });
});

describe('the stock a received return puts back', () => {
  it('is what came back less the damaged units, nothing for a product all damaged', () => {
    expect(
      restockedByReturn([
        { sku: 'MUG-1', received: 2, damaged: 1 },
        { sku: 'LAMP-1', received: 1, damaged: 1 },
        { sku: 'BOWL-1', received: 3, damaged: 0 },
      ]),
    ).toEqual([
      { sku: 'MUG-1', type: 'physical', quantity: 1 },
      { sku: 'BOWL-1', type: 'physical', quantity: 3 },
    ]);
    expect(restockedByReturn(undefined)).toEqual([]);
  });
});
