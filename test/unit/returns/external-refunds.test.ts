import { describe, expect, it } from 'vitest';
import type { Order } from '#ordering/domain/order';
import { decideExternalRefund, externalRefundStatus } from '#returns/domain/external-refunds';
import { aPendingOrder } from '../../fixtures/orders';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const now = new Date('2026-12-07T10:00:00.000Z');

/** 2 × 12.00 at 20 %, paid and delivered. */
const paid = (overrides: Partial<Order> = {}): Order => aPendingOrder('order-000031', { status: 'delivered', paidAt: '2026-11-20T10:00:00.000Z', ...overrides });

describe('a refund made in Stripe, as the order records it', () => {
  it('is recorded once, pending until settled, under an id derived from Stripe\'s, split over the VAT rates as an amount without lines', () => {
    const decided = decideExternalRefund(paid(), { stripeRefundId: 're_1', amount: eur(1_000), status: 'succeeded' }, now);
    expect(decided).toEqual({
      decision: 'record',
      refund: {
        id: 'rf-stripe-re_1',
        amount: eur(1_000),
        reason: 'Refunded in Stripe, outside the API',
        status: 'pending',
        createdAt: '2026-12-07T10:00:00.000Z',
        lines: [{ sku: '', quantity: 0, amount: eur(1_000), vat: eur(167), vatRate: 2000 }],
        stripeRefundId: 're_1',
        external: true,
      },
      left: eur(2_400),
      beyond: false,
    });
    if (decided.decision !== 'record') throw new Error('recorded');
    expect(decideExternalRefund(paid({ refunds: [decided.refund] }), { stripeRefundId: 're_1', amount: eur(1_000), status: 'succeeded' }, now)).toEqual({ decision: 'held', refund: decided.refund });
  });

  it('is recorded beyond what the books say is left, saying so', () => {
    const held = { id: 'refund-1', amount: eur(2_000), reason: 'goodwill', status: 'succeeded' as const, createdAt: '2026-11-30T10:00:00.000Z', lines: [] };
    expect(decideExternalRefund(paid({ refunds: [held] }), { stripeRefundId: 're_2', amount: eur(1_000), status: 'succeeded' }, now)).toMatchObject({ decision: 'record', left: eur(400), beyond: true });
  });

  it('is not recorded when Stripe says it failed (or was canceled) first, nor on an order that took no money; it waits for a payment not recorded yet', () => {
    expect(decideExternalRefund(paid(), { stripeRefundId: 're_3', amount: eur(1_000), status: externalRefundStatus('canceled') }, now)).toEqual({ decision: 'ignored', why: 'never_made' });
    expect(decideExternalRefund(paid({ status: 'cancelled', paidAt: undefined }), { stripeRefundId: 're_3', amount: eur(1_000), status: 'succeeded' }, now)).toEqual({ decision: 'ignored', why: 'order_not_paid' });
    expect(decideExternalRefund(paid({ status: 'pending_payment', paidAt: undefined }), { stripeRefundId: 're_3', amount: eur(1_000), status: 'succeeded' }, now)).toEqual({ decision: 'wait' });
  });

  it("reads Stripe's statuses as the refund's state machine does: waiting for action holds the money, canceled gives it back", () => {
    expect((['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const).map(externalRefundStatus)).toEqual(['pending', 'pending', 'succeeded', 'failed', 'failed']);
  });
});
