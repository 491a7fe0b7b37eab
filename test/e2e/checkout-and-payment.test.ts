import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { signPayload } from '../../infra/local/stripe-emulator/webhooks';
import { client, until, type Reply } from './client';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let admin: Record<string, string>;

beforeAll(async () => {
  // Queue visibility timeouts scaled down (payments: 180 s → 0.36 s) so that retries and redrive show in a test.
  runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0, visibilityTimeoutScale: 0.002 });
  api = client(runtime.apiUrl);
  admin = { authorization: `Bearer ${runtime.adminToken}` };
});
afterAll(() => runtime.stop());

const address = { name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' };
type Order = { id: string; number: string; status: string; invoiceNumber: string | null; payment: { status: string; paymentIntentId: string }; totals: { total: { amount: number } } };
type Checkout = { order: Order; orderToken: string; payment: { paymentIntentId: string; clientSecret: string } };

const openCart = async (lines: Record<string, number>, customer: object | null = { email: 'camille@example.com', shippingAddress: address }) => {
  const created = await api<{ id: string; token: string }>('POST', '/carts', { body: {} });
  expect(created.status).toBe(201);
  const headers = { 'x-cart-token': created.body.token };
  for (const [sku, quantity] of Object.entries(lines)) {
    expect((await api('PUT', `/carts/${created.body.id}/items/${sku}`, { body: { quantity }, headers })).status).toBe(200);
  }
  if (customer) expect((await api('PUT', `/carts/${created.body.id}/customer`, { body: customer, headers })).status).toBe(200);
  return { id: created.body.id, headers };
};

let keys = 0;
const checkout = (cart: { id: string; headers: Record<string, string> }, body: object = { acceptTerms: true, termsVersion: '2026-01' }, key = `key-${++keys}`) =>
  api<Checkout>('POST', `/carts/${cart.id}/checkout`, { body, headers: { ...cart.headers, 'idempotency-key': key } });

/** Confirms the PaymentIntent at the emulator with a test card, as Stripe.js would. */
const confirm = async (paymentIntentId: string, card: string) => {
  const response = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${paymentIntentId}/confirm`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_local_emulator', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payment_method: card }).toString(),
  });
  return response.status;
};

const readOrder = (placed: Checkout) => api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } });
const orderUntil = (placed: Checkout, done: (o: Order) => boolean) => until(() => readOrder(placed).then((r) => r.body), done, 3000);
const eventsOf = async (type: string, orderId: string) => {
  const events = await api<{ items: { 'detail-type': string; detail: { data: Record<string, unknown> } }[] }>('GET', '/dev/events');
  return events.body.items.filter((e) => e['detail-type'] === type && JSON.stringify(e.detail.data).includes(orderId));
};
const stripeEventsFor = async (paymentIntentId: string, type: string) => {
  const reply = await fetch(`${runtime.stripeUrl}/_emulator/events`).then((r) => r.json() as Promise<{ data: { id: string; type: string; data: { object: { id: string } } }[] }>);
  return reply.data.filter((e) => e.type === type && e.data.object.id === paymentIntentId);
};
const redeliver = (eventId: string) => fetch(`${runtime.stripeUrl}/_emulator/events/${eventId}/deliver`, { method: 'POST' });
const expectProblem = (reply: Reply, status: number, mentions?: string) => {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toContain('application/problem+json');
  if (mentions) expect(reply.text).toContain(mentions);
};

describe('carts over HTTP', () => {
  it('refuses a client-sent price, bad addresses, and another cart token, changing nothing', async () => {
    const cart = await openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    expectProblem(await api('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { body: { quantity: 2, unitPrice: { amount: 1, currency: 'EUR' } }, headers: cart.headers }), 400, 'unitPrice');
    expectProblem(await api('PUT', `/carts/${cart.id}/customer`, { body: { email: 'x@example.com', shippingAddress: { ...address, country: 'France', postalCode: '' } }, headers: cart.headers }), 400, 'country');
    const other = await openCart({}, null);
    expectProblem(await api('GET', `/carts/${cart.id}`, { headers: other.headers }), 404);
    const view = await api<{ items: { quantity: number; unitPrice: { amount: number } }[]; customer: unknown }>('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(view.body.items).toMatchObject([{ quantity: 1, unitPrice: { amount: 1490 } }]);
    expect(view.body.customer).toBeNull();
  });

  it('refuses more than 99 units of a line with a 422', async () => {
    const cart = await openCart({}, null);
    expectProblem(await api('PUT', `/carts/${cart.id}/items/BOOK-PETIT-PRINCE`, { body: { quantity: 100 }, headers: cart.headers }), 422, '99');
  });
});

describe('checkout over HTTP', () => {
  it('needs the terms accepted and an address for physical goods', async () => {
    expectProblem(await checkout(await openCart({ 'MUG-ENAMEL-BLUE': 1 }), {}), 422, 'acceptTerms');
    expectProblem(await checkout(await openCart({ 'MUG-ENAMEL-BLUE': 1 }, { email: 'a@example.com' })), 422, 'shippingAddress');
  });

  it('replays the same key and body, refuses the same key with another body', async () => {
    const cart = await openCart({ 'APRON-LINEN': 1 });
    const first = await checkout(cart, undefined, 'same-key');
    expect(first.status).toBe(201);
    const again = await checkout(cart, undefined, 'same-key');
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expectProblem(await checkout(cart, { acceptTerms: true, termsVersion: '2025-06' }, 'same-key'), 422);
  });

  it('a concurrent duplicate (same key, in flight) is a 409, and only one order is placed', async () => {
    const cart = await openCart({ 'BOOK-PETIT-PRINCE': 1 });
    const replies = await Promise.all(Array.from({ length: 5 }, () => checkout(cart, undefined, 'racing-key')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(409);
    const created = replies.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.order.id)).size).toBe(1);
    expect(await eventsOf('OrderPlaced', created[0]!.body.order.id)).toHaveLength(1);
  });

  it('lets exactly 5 of 30 concurrent checkouts take the last 5 units', async () => {
    expect((await api('POST', '/admin/products/HEADPHONES-BT/stock', { body: { set: 5 }, headers: admin })).status).toBe(200);
    const carts = await Promise.all(Array.from({ length: 30 }, () => openCart({ 'HEADPHONES-BT': 1 })));
    const replies = await Promise.all(carts.map((cart) => checkout(cart)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    expect(replies.find((r) => r.status === 409)!.text).toContain('HEADPHONES-BT');
    expect((await api('GET', '/products/HEADPHONES-BT')).body).toMatchObject({ available: 0 });
    // The inventory worker reports what each order took; the shop hears that it ran out.
    const placedReports = await until(
      () =>
        api<{ items: { 'detail-type': string; detail: { data: { sku?: string; reason?: string } } }[] }>('GET', '/dev/events').then((r) =>
          r.body.items.filter((e) => e['detail-type'] === 'StockChanged' && e.detail.data.sku === 'HEADPHONES-BT' && e.detail.data.reason === 'order_placed'),
        ),
      (reports) => reports.length >= 5,
    );
    expect(placedReports).toHaveLength(5);
    const outbox = await until(
      () => api<{ items: { subject: string }[] }>('GET', '/dev/outbox').then((r) => r.body.items.map((m) => m.subject)),
      (subjects) => subjects.includes('Low stock: HEADPHONES-BT has 0 left'),
    );
    expect(outbox).toContain('Low stock: HEADPHONES-BT has 0 left');
  });
});

describe('payment, confirmed by the webhook through the bus and the payments queue', () => {
  it('pm_card_visa: paid, with an invoice number and an invoice; OrderPlaced and OrderPaid published', async () => {
    const placed = (await checkout(await openCart({ 'BOOK-CUISINE-FR': 1 }))).body;
    expect(placed.order.status).toBe('pending_payment');
    expect(await confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    const order = await orderUntil(placed, (o) => o.status === 'paid');
    expect(order).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/), payment: { status: 'succeeded' } });
    const invoice = await api('GET', `/orders/${placed.order.id}/invoice`, { headers: { 'x-order-token': placed.orderToken } });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ invoiceNumber: order.invoiceNumber });
    expect(await eventsOf('OrderPlaced', placed.order.id)).toHaveLength(1);
    expect(await eventsOf('OrderPaid', placed.order.id)).toHaveLength(1);
  });

  it('the same webhook three times: one transition, one OrderPaid', async () => {
    const placed = (await checkout(await openCart({ 'TEE-ORGANIC-M': 1 }))).body;
    await confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    const paid = await orderUntil(placed, (o) => o.status === 'paid');
    const [succeeded] = await stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.succeeded');
    await redeliver(succeeded!.id);
    await redeliver(succeeded!.id);
    await until(() => fetch(`${runtime.apiUrl}/dev/queues`).then((r) => r.json() as Promise<{ payments: { depth: number } }>), (q) => q.payments.depth === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await eventsOf('OrderPaid', placed.order.id)).toHaveLength(1);
    expect((await readOrder(placed)).body.invoiceNumber).toBe(paid.invoiceNumber);
  });

  it('declined: not paid, payment failed; another card then pays; the late PaymentFailed changes nothing', async () => {
    const placed = (await checkout(await openCart({ 'EBOOK-MISERABLES': 1 }, { email: 'reader@example.com' }))).body;
    expect(await confirm(placed.payment.paymentIntentId, 'pm_card_chargeDeclined')).toBe(402);
    const failed = await orderUntil(placed, (o) => o.payment.status === 'failed');
    expect(failed).toMatchObject({ status: 'pending_payment', invoiceNumber: null, payment: { status: 'failed' } });
    expect(await confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    await orderUntil(placed, (o) => o.status === 'paid');
    const [failure] = await stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.payment_failed');
    await redeliver(failure!.id);
    await new Promise((r) => setTimeout(r, 500));
    expect((await readOrder(placed)).body).toMatchObject({ status: 'paid', payment: { status: 'succeeded' } });
  });

  it('3-D Secure: requires_action, then paid', async () => {
    const placed = (await checkout(await openCart({ 'COURSE-PHOTO': 1 }, { email: 'student@example.com' }))).body;
    expect(await confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    expect(await orderUntil(placed, (o) => o.payment.status === 'requires_action')).toMatchObject({ status: 'pending_payment' });
    expect(await confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    expect(await orderUntil(placed, (o) => o.status === 'paid')).toMatchObject({ status: 'paid' });
  });

  it('a message failing in a batch of ten: only it is retried, then dead-lettered; the nine others are paid', async () => {
    const placed = await Promise.all(
      Array.from({ length: 9 }, async (_, i) => (await checkout(await openCart({ 'GIFT-CARD-50': 1 }, { email: `buyer${i}@example.com` }))).body),
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
    expect(dead).toHaveLength(1);
    expect(dead[0]!.body).toContain('poison');
    expect(dead[0]!.receiveCount).toBe(5); // maxReceiveCount of the payments queue
    for (const p of placed) expect((await readOrder(p)).body).toMatchObject({ status: 'paid' });
    for (const p of placed) expect(await eventsOf('OrderPaid', p.order.id)).toHaveLength(1);
  });

  it('forged and stale signatures: 400, nothing published', async () => {
    const placed = (await checkout(await openCart({ 'ALBUM-JAZZ-FLAC': 1 }, { email: 'fan@example.com' }))).body;
    const intent = { id: placed.payment.paymentIntentId, object: 'payment_intent', amount: placed.order.totals.total.amount, amount_received: placed.order.totals.total.amount, currency: 'eur', status: 'succeeded', metadata: { orderId: placed.order.id } };
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', created: Math.floor(Date.now() / 1000), type: 'payment_intent.succeeded', data: { object: intent } });
    const post = (signature: string, body = payload) => api('POST', '/webhooks/stripe', { raw: body, headers: { 'stripe-signature': signature } });
    // Signed but not well formed (no `created`, no amount): a 400 naming the fields, not a 500.
    const malformed = JSON.stringify({ id: 'evt_odd', object: 'event', type: 'payment_intent.succeeded', data: { object: { ...intent, amount: 'lots' } } });
    expectProblem(await post(signPayload(malformed, 'whsec_local_emulator_secret'), malformed), 400, 'created');
    expectProblem(await post(signPayload(payload, 'whsec_not_the_secret')), 400);
    expectProblem(await post(signPayload(payload, 'whsec_local_emulator_secret', Math.floor(Date.now() / 1000) - 600)), 400);
    expectProblem(await post('garbage'), 400);
    expect((await post(signPayload(payload, 'whsec_local_emulator_secret'))).status).toBe(200); // the control: a good signature passes
    const published = await api<{ items: { 'detail-type': string; detail: { data: { paymentIntentId?: string } } }[] }>('GET', '/dev/events');
    expect(published.body.items.filter((e) => e['detail-type'] === 'PaymentSucceeded' && e.detail.data.paymentIntentId === placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('a signed-in customer reads their own order, nobody else does', async () => {
    const alice = await runtime.mintToken({ sub: 'alice', email: 'alice@example.com' });
    const bob = await runtime.mintToken({ sub: 'bob', email: 'bob@example.com' });
    const cart = await openCart({ 'GIFT-CARD-50': 1 }, { email: 'alice@example.com' });
    expect((await api('POST', `/carts/${cart.id}/claim`, { headers: { ...cart.headers, authorization: `Bearer ${alice}` } })).status).toBe(200);
    const placed = (await checkout(cart)).body;
    expect((await api('GET', `/orders/${placed.order.id}`, { headers: { authorization: `Bearer ${alice}` } })).status).toBe(200);
    expectProblem(await api('GET', `/orders/${placed.order.id}`, { headers: { authorization: `Bearer ${bob}` } }), 404);
    expectProblem(await api('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': 'wrong' } }), 404);
    const mine = await api<{ items: { id: string }[] }>('GET', '/me/orders', { headers: { authorization: `Bearer ${alice}` } });
    expect(mine.body.items.map((o) => o.id)).toContain(placed.order.id);
  });
});
