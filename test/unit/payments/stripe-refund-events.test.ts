import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { OutgoingEvent } from '#kernel/events';
import { toPaymentAction } from '#payments/adapters/stripe-webhook';
import { receiveStripeWebhook } from '#payments/app/receive-stripe-webhook';

/** A refund event as Stripe sends it; `metadata` is what the refund was created with. */
const refundEvent = (type: string, refund: { metadata?: Record<string, string>; payment_intent?: string | null; status?: string }) =>
  ({
    id: 'evt_refund_1',
    object: 'event',
    created: Date.parse('2026-12-07T09:30:00.000Z') / 1000,
    type,
    data: { object: { id: 're_dash_1', object: 'refund', amount: 1000, currency: 'eur', status: 'succeeded', payment_intent: 'pi_order_1', metadata: {}, ...refund } },
  }) as unknown as Stripe.Event;

describe('a refund Stripe reports, mapped from its webhook', () => {
  it('one made in Stripe (its dashboard: no metadata of ours) is reported by its PaymentIntent, whichever refund event brings it', () => {
    for (const type of ['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated']) {
      expect(toPaymentAction(refundEvent(type, {}))).toEqual({
        kind: 'external_refund',
        paymentIntentId: 'pi_order_1',
        stripeRefundId: 're_dash_1',
        status: 'succeeded',
        amount: { amount: 1000, currency: 'EUR' },
        occurredAt: '2026-12-07T09:30:00.000Z',
        stripeEventId: 'evt_refund_1',
      });
    }
    expect(toPaymentAction(refundEvent('refund.created', { metadata: undefined, status: 'pending' }))).toMatchObject({ kind: 'external_refund', status: 'pending' });
  });

  it('one we asked for carries our ids, as before', () => {
    expect(toPaymentAction(refundEvent('refund.updated', { metadata: { orderId: 'order-1', refundId: 'refund-1' } }))).toMatchObject({
      kind: 'refund',
      orderId: 'order-1',
      refundId: 'refund-1',
      stripeRefundId: 're_dash_1',
    });
  });

  it('ignores our automatic refund of a late payment (an order id, no refund id: recorded when made) and a refund of no PaymentIntent', () => {
    expect(toPaymentAction(refundEvent('refund.created', { metadata: { orderId: 'order-1', why: 'order cancelled before payment arrived' } }))).toEqual({ kind: 'ignored', type: 'refund.created' });
    expect(toPaymentAction(refundEvent('refund.created', { payment_intent: null }))).toEqual({ kind: 'ignored', type: 'refund.created' });
  });

  it('publishes one made in Stripe as ExternalRefundReported, its id derived from the refund and its status', async () => {
    const published: OutgoingEvent[] = [];
    await receiveStripeWebhook({ publisher: { publish: async (events) => void published.push(...events) } }, toPaymentAction(refundEvent('refund.created', {})));
    expect(published.map((e) => e.contract.name)).toEqual(['ExternalRefundReported']);
    expect(published).toEqual([
      expect.objectContaining({
        eventId: 'stripe-re_dash_1-succeeded',
        data: { paymentIntentId: 'pi_order_1', stripeRefundId: 're_dash_1', status: 'succeeded', amount: { amount: 1000, currency: 'EUR' }, occurredAt: '2026-12-07T09:30:00.000Z', stripeEventId: 'evt_refund_1' },
      }),
    ]);
  });

  it('makes one fact of the several Stripe events that tell one status of a refund: a failure is told by three', async () => {
    const published: OutgoingEvent[] = [];
    const publisher = { publish: async (events: OutgoingEvent[]) => void published.push(...events) };
    const ours = { metadata: { orderId: 'order-1', refundId: 'refund-1' } };
    const told = (type: string, id: string, status: string) => ({ ...(refundEvent(type, { ...ours, status }) as object), id }) as Stripe.Event;
    await receiveStripeWebhook({ publisher }, toPaymentAction(told('refund.created', 'evt_a', 'pending')));
    await receiveStripeWebhook({ publisher }, toPaymentAction(told('refund.updated', 'evt_b', 'succeeded')));
    for (const [type, id] of [['refund.updated', 'evt_c'], ['refund.failed', 'evt_d'], ['charge.refund.updated', 'evt_e']]) {
      await receiveStripeWebhook({ publisher }, toPaymentAction(told(type as string, id as string, 'failed')));
    }
    expect(published.map((e) => [e.contract.name, e.eventId])).toEqual([
      ['RefundStatusReported', 'stripe-re_dash_1-pending'],
      ['RefundStatusReported', 'stripe-re_dash_1-succeeded'],
      ['RefundStatusReported', 'stripe-re_dash_1-failed'],
      ['RefundStatusReported', 'stripe-re_dash_1-failed'],
      ['RefundStatusReported', 'stripe-re_dash_1-failed'],
    ]);
  });
});
