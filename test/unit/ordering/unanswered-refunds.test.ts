import { describe, expect, it } from 'vitest';
import { unansweredRefundWrites, type OrderRefund } from '#ordering/index';

const refund = (id: string, fields: Partial<OrderRefund>): OrderRefund =>
  ({ id, amount: { amount: 1000, currency: 'EUR' }, reason: 'r', status: 'pending', createdAt: '2026-12-07T10:00:00.000Z', ...fields }) as OrderRefund;
const key = (refundId: string) => ({ PK: 'ORDER#o1', SK: `REFUND_UNANSWERED#${refundId}` });

describe('the watch of refunds Stripe has not answered', () => {
  it('puts a refund on it when it is reserved, and takes it off at Stripe\'s first answer: its id, a success, a refusal', () => {
    const reserved = refund('r1', {});
    expect(unansweredRefundWrites('t', { id: 'o1', refunds: [] }, [reserved])).toEqual([
      { Put: { TableName: 't', Item: { ...key('r1'), GSI2PK: 'REFUNDS_UNANSWERED', GSI2SK: '2026-12-07T10:00:00.000Z#r1', orderId: 'o1', refundId: 'r1' } } },
    ]);
    for (const answered of [{ stripeRefundId: 're_1' }, { status: 'succeeded' as const }, { status: 'failed' as const }]) {
      expect(unansweredRefundWrites('t', { id: 'o1', refunds: [reserved] }, [refund('r1', answered)])).toEqual([{ Delete: { TableName: 't', Key: key('r1') } }]);
    }
  });

  it('writes nothing for a change that leaves refunds as they were, or sets none', () => {
    const reserved = refund('r1', {});
    const answered = refund('r2', { status: 'pending', stripeRefundId: 're_2' });
    expect(unansweredRefundWrites('t', { id: 'o1', refunds: [reserved, answered] }, [reserved, answered])).toEqual([]);
    expect(unansweredRefundWrites('t', { id: 'o1', refunds: [reserved] }, undefined)).toEqual([]);
    // Made in Stripe's dashboard: recorded with Stripe's id, never unanswered.
    expect(unansweredRefundWrites('t', { id: 'o1', refunds: [] }, [answered])).toEqual([]);
  });
});
