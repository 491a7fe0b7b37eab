import { describe, expect, it } from 'vitest';
import type { Order, OrderRefund } from '#ordering/index';
import { completeUnansweredRefunds } from '#returns/app/complete-unanswered-refunds';
import type { RefundDeps } from '#returns/app/ports';

const refund = (fields: Partial<OrderRefund>): OrderRefund =>
  ({ id: 'r1', amount: { amount: 1000, currency: 'EUR' }, reason: 'r', status: 'pending', createdAt: '2026-12-07T10:00:00.000Z', ...fields }) as OrderRefund;

/** Deps whose watch lists one refund of one order, and a Stripe that records what it is asked. */
const depsWith = (watched: OrderRefund) => {
  const asked: string[] = [];
  const order = { id: 'o1', status: 'paid', refunds: [watched], payment: { paymentIntentId: 'pi_1' } } as unknown as Order;
  const deps = {
    clock: () => new Date('2026-12-07T11:00:00.000Z'),
    store: { unansweredRefunds: async () => [{ orderId: 'o1', refundId: watched.id }] },
    orders: { get: async () => ({ order }) },
    paymentGateway: {
      createRefund: async (input: { idempotencyKey: string }) => {
        asked.push(input.idempotencyKey);
        throw Object.assign(new Error('stop here'), { name: 'Stop' });
      },
    },
  } as unknown as RefundDeps;
  return { deps, asked };
};

describe('refunds Stripe never answered, asked again', () => {
  it('asks Stripe for a refund still pending with no answer, with its first idempotency key', async () => {
    const { deps, asked } = depsWith(refund({}));
    await expect(completeUnansweredRefunds(deps, 'c')).rejects.toThrow('stop here');
    expect(asked).toEqual(['refund-r1']);
  });

  it('never asks again for a refund Stripe answered, whatever the watch says: a second refund could follow', async () => {
    for (const answered of [{ stripeRefundId: 're_1' }, { status: 'succeeded' as const }, { status: 'failed' as const }]) {
      const { deps, asked } = depsWith(refund(answered));
      expect(await completeUnansweredRefunds(deps, 'c')).toBe(0);
      expect(asked).toEqual([]);
    }
  });
});
