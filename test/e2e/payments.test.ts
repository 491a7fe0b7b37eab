import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { signPayload } from '../../infra/local/stripe-emulator/webhooks';
import { until } from './client';
import { address, expectProblem, shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  // Queue visibility timeouts scaled down (payments: 180 s → 0.9 s) so that retries and redrive show in a test.
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005 });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

describe('payment, confirmed by the webhook through the bus and the payments queue', () => {
  it('pm_card_visa: paid, with an invoice number and an invoice; OrderPlaced and OrderPaid published', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'BOOK-CUISINE-FR': 1 }))).body;
    expect(placed.order.status).toBe('pending_payment');
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    const order = await shop.orderUntil(placed, (o) => o.status === 'paid');
    expect(order).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/), payment: { status: 'succeeded' } });
    const invoice = await shop.api('GET', `/orders/${placed.order.id}/invoice`, { headers: { 'x-order-token': placed.orderToken } });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ invoiceNumber: order.invoiceNumber });
    expect(await shop.eventsOf('OrderPlaced', placed.order.id)).toHaveLength(1);
    expect(await shop.eventsOf('OrderPaid', placed.order.id)).toHaveLength(1);
  });

  it('the same webhook three times: one transition, one OrderPaid', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'TEE-ORGANIC-M': 1 }))).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    const paid = await shop.orderUntil(placed, (o) => o.status === 'paid');
    const [succeeded] = await shop.stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.succeeded');
    await shop.redeliver(succeeded!.id);
    await shop.redeliver(succeeded!.id);
    expect(await shop.eventsOf('OrderPaid', placed.order.id)).toHaveLength(1);
    expect((await shop.readOrder(placed)).body.invoiceNumber).toBe(paid.invoiceNumber);
  });

  it('declined: not paid, payment failed; another card then pays; the late PaymentFailed changes nothing', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'EBOOK-MISERABLES': 1 }, { email: 'reader@example.com' }))).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_chargeDeclined')).toBe(402);
    const failed = await shop.orderUntil(placed, (o) => o.payment.status === 'failed');
    expect(failed).toMatchObject({ status: 'pending_payment', invoiceNumber: null, payment: { status: 'failed' } });
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    await shop.orderUntil(placed, (o) => o.status === 'delivered');
    const [failure] = await shop.stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.payment_failed');
    await shop.redeliver(failure!.id);
    expect((await shop.readOrder(placed)).body).toMatchObject({ status: 'delivered', payment: { status: 'succeeded' } });
  });

  it('declined: PaymentFailed says why (Stripe’s code, the decline code, the message) and names the order by number and email, so a consumer need not call back', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'BOOK-CUISINE-FR': 1 }, { email: 'declined@example.com', shippingAddress: address }))).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_chargeDeclined')).toBe(402);
    const [failed] = await shop.eventsOf('PaymentFailed', placed.order.id);
    const [stripeEvent] = await shop.stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.payment_failed');
    expect(failed?.detail).toMatchObject({
      metadata: { eventId: `stripe-${stripeEvent!.id}` },
      data: {
        orderId: placed.order.id,
        orderNumber: placed.order.number,
        customerEmail: 'declined@example.com',
        paymentIntentId: placed.payment.paymentIntentId,
        failureCode: 'card_declined',
        declineCode: 'generic_decline',
        reason: 'Your card was declined.',
      },
    });
  });

  it('3-D Secure: requires_action, then paid', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'COURSE-PHOTO': 1 }, { email: 'student@example.com' }))).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    expect(await shop.orderUntil(placed, (o) => o.payment.status === 'requires_action')).toMatchObject({ status: 'pending_payment' });
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    expect(await shop.orderUntil(placed, (o) => o.status === 'delivered')).toMatchObject({ status: 'delivered' });
  });

  it('a decline delivered again once the customer is at 3-D Secure: the order still shows requires_action, as Stripe does', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'COURSE-PHOTO': 1 }, { email: 'late-decline@example.com' }))).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_chargeDeclined')).toBe(402);
    await shop.orderUntil(placed, (o) => o.payment.status === 'failed');
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    await shop.orderUntil(placed, (o) => o.payment.status === 'requires_action');
    const [decline] = await shop.stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.payment_failed');
    await shop.redeliver(decline!.id);
    expect((await shop.readOrder(placed)).body).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_action' } });
  });

  it('a message failing in a batch of ten: only it is retried, then dead-lettered; the nine others are paid', async () => {
    const placed = await Promise.all(
      Array.from({ length: 9 }, async (_, i) => (await shop.checkout(await shop.openCart({ 'GIFT-CARD-50': 1 }, { email: `buyer${i}@example.com` }))).body),
    );
    const queue = runtime.queues.payments;
    const deadBefore = queue.deadLetters.length;
    const put = (data: object) =>
      runtime.bus.put({
        source: 'commerce.payments',
        detailType: 'PaymentSucceeded',
        detail: { metadata: { eventId: `e-${Math.random()}`, version: 1, occurredAt: new Date().toISOString(), correlationId: 'batch-test' }, data },
      });
    // Ten messages land in the queue before its next poll: one batch.
    for (const p of placed.slice(0, 4)) put({ orderId: p.order.id, paymentIntentId: p.payment.paymentIntentId, amount: p.order.totals.total, stripeEventId: `evt_${p.order.id}`, occurredAt: new Date().toISOString() });
    put({ orderId: 'poison', amount: 'not money' });
    for (const p of placed.slice(4)) put({ orderId: p.order.id, paymentIntentId: p.payment.paymentIntentId, amount: p.order.totals.total, stripeEventId: `evt_${p.order.id}`, occurredAt: new Date().toISOString() });
    expect(queue.depth).toBeGreaterThanOrEqual(10);

    await until(async () => queue.deadLetters.length, (n) => n > deadBefore, 10_000);
    const dead = queue.deadLetters.slice(deadBefore);
    // Only the poison message is dead-lettered; under chaos SQS may hand over a copy of it too.
    expect(dead.every((d) => d.body.includes('poison'))).toBe(true);
    expect(dead.length === 1 || runtime.chaosSeed !== undefined).toBe(true);
    expect(dead[0]!.receiveCount).toBe(5); // maxReceiveCount of the payments queue
    for (const p of placed) expect((await shop.readOrder(p)).body).toMatchObject({ status: 'delivered' });
    for (const p of placed) expect(await shop.eventsOf('OrderPaid', p.order.id)).toHaveLength(1);
  });

  it('forged and stale signatures: 400, nothing published', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'ALBUM-JAZZ-FLAC': 1 }, { email: 'fan@example.com' }))).body;
    const intent = { id: placed.payment.paymentIntentId, object: 'payment_intent', amount: placed.order.totals.total.amount, amount_received: placed.order.totals.total.amount, currency: 'eur', status: 'succeeded', metadata: { orderId: placed.order.id } };
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', created: Math.floor(Date.now() / 1000), type: 'payment_intent.succeeded', data: { object: intent } });
    const post = (signature: string, body = payload) => shop.api('POST', '/webhooks/stripe', { raw: body, headers: { 'stripe-signature': signature } });
    // Signed but not well formed (no `created`, no amount): a 400 naming the fields, not a 500.
    const malformed = JSON.stringify({ id: 'evt_odd', object: 'event', type: 'payment_intent.succeeded', data: { object: { ...intent, amount: 'lots' } } });
    expectProblem(await post(signPayload(malformed, 'whsec_local_emulator_secret'), malformed), 400, 'created');
    expectProblem(await post(signPayload(payload, 'whsec_not_the_secret')), 400);
    expectProblem(await post(signPayload(payload, 'whsec_local_emulator_secret', Math.floor(Date.now() / 1000) - 600)), 400);
    // Dated an hour ahead: stripe-node lets it through, and it would stay replayable for that hour.
    expectProblem(await post(signPayload(payload, 'whsec_local_emulator_secret', Math.floor(Date.now() / 1000) + 3600)), 400, 'header.stripe-signature');
    expectProblem(await post('garbage'), 400);
    expect((await post(signPayload(payload, 'whsec_local_emulator_secret'))).status).toBe(200); // the control: a good signature passes
    const published = await shop.api<{ items: { 'detail-type': string; detail: { data: { paymentIntentId?: string } } }[] }>('GET', '/dev/events');
    expect(published.body.items.filter((e) => e['detail-type'] === 'PaymentSucceeded' && e.detail.data.paymentIntentId === placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('a signed-in customer reads their own order, nobody else does', async () => {
    const alice = await runtime.mintToken({ sub: 'alice', email: 'alice@example.com' });
    const bob = await runtime.mintToken({ sub: 'bob', email: 'bob@example.com' });
    const cart = await shop.openCart({ 'GIFT-CARD-50': 1 }, { email: 'alice@example.com' });
    expect((await shop.api('POST', `/carts/${cart.id}/claim`, { headers: { ...cart.headers, authorization: `Bearer ${alice}` } })).status).toBe(200);
    const placed = (await shop.checkout(cart)).body;
    expect((await shop.api('GET', `/orders/${placed.order.id}`, { headers: { authorization: `Bearer ${alice}` } })).status).toBe(200);
    expectProblem(await shop.api('GET', `/orders/${placed.order.id}`, { headers: { authorization: `Bearer ${bob}` } }), 404);
    expectProblem(await shop.api('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': 'wrong' } }), 404);
    const mine = await shop.api<{ items: { id: string }[] }>('GET', '/me/orders', { headers: { authorization: `Bearer ${alice}` } });
    expect(mine.body.items.map((o) => o.id)).toContain(placed.order.id);
  });
});
