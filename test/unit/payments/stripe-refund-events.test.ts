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

  it('publishes one made in Stripe as ExternalRefundReported, its id derived from the Stripe event', async () => {
    const published: OutgoingEvent[] = [];
    await receiveStripeWebhook({ publisher: { publish: async (events) => void published.push(...events) } }, toPaymentAction(refundEvent('refund.created', {})));
    expect(published.map((e) => e.contract.name)).toEqual(['ExternalRefundReported']);
    expect(published).toEqual([
      expect.objectContaining({
        eventId: 'stripe-evt_refund_1',
        data: { paymentIntentId: 'pi_order_1', stripeRefundId: 're_dash_1', status: 'succeeded', amount: { amount: 1000, currency: 'EUR' }, occurredAt: '2026-12-07T09:30:00.000Z', stripeEventId: 'evt_refund_1' },
      }),
    ]);
  });
});
