import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { signPayload } from '../../infra/local/stripe-emulator/webhooks';
import { until } from './client';
import { shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.002 });
  shop = shopper(runtime);
});
afterAll(() => runtime?.stop());

/** A `payment_intent.succeeded` signed with the emulator's webhook secret, as Stripe would sign it. */
const succeededWebhook = (intent: { id: string; amount: number; orderId: string }, eventId: string) => {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    data: {
      object: { id: intent.id, object: 'payment_intent', amount: intent.amount, amount_received: intent.amount, currency: 'eur', status: 'succeeded', metadata: { orderId: intent.orderId } },
    },
  });
  return shop.api('POST', '/webhooks/stripe', { raw: payload, headers: { 'stripe-signature': signPayload(payload, 'whsec_local_emulator_secret') } });
};

describe("a signed webhook naming an order that is not its PaymentIntent's", () => {
  it("flags the order for review instead of paying it, and the order's own payment still pays it", async () => {
    const a = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }))).body;
    const b = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }))).body;
    // A's PaymentIntent, with B's id in its metadata and B's exact total.
    const reply = await succeededWebhook({ id: a.payment.paymentIntentId, amount: b.order.totals.total.amount, orderId: b.order.id }, 'evt_wrong_intent_1');
    expect(reply.status).toBe(200);

    const reviews = await shop.eventsOf('PaymentNeedsReview', b.order.id);
    expect(reviews.map((e) => e.detail.data)).toEqual([
      {
        orderId: b.order.id,
        // The order flagged, as people know it: B's, not the one A's PaymentIntent belongs to.
        orderNumber: b.order.number,
        customerEmail: ((await shop.readOrder(b)).body as unknown as { customer: { email: string } }).customer.email,
        paymentIntentId: a.payment.paymentIntentId,
        expected: b.order.totals.total,
        received: b.order.totals.total,
        reason: 'payment_intent_mismatch',
      },
    ]);
    await until(async () => runtime.queues.payments.depth, (depth) => depth === 0);
    expect((await shop.readOrder(b)).body).toMatchObject({ status: 'pending_payment', invoiceNumber: null, payment: { paymentIntentId: b.payment.paymentIntentId } });
    expect((await shop.readOrder(a)).body).toMatchObject({ status: 'pending_payment', invoiceNumber: null });
    expect(await shop.eventsOf('OrderPaid', b.order.id, 0)).toHaveLength(0);

    // Delivered again: no second review. Then B's own PaymentIntent pays B.
    expect((await succeededWebhook({ id: a.payment.paymentIntentId, amount: b.order.totals.total.amount, orderId: b.order.id }, 'evt_wrong_intent_2')).status).toBe(200);
    expect(await shop.confirm(b.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    expect(await shop.orderUntil(b, (o) => o.status === 'paid')).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/) });
    await until(async () => runtime.queues.payments.depth, (depth) => depth === 0);
    expect(await shop.eventsOf('PaymentNeedsReview', b.order.id)).toHaveLength(1);
    // The relay publishes OrderPaid from the outbox a moment after the payment's transaction.
    expect(await shop.eventsOf('OrderPaid', b.order.id)).toHaveLength(1);
  });
});
