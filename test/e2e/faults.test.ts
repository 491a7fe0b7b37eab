import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busName } from '#wiring';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  // Faults on demand must be the only faults here, even in CI's chaos pass. Visibility timeouts
  // scaled so that a failed payments batch comes back within a second (180 s → 0.9 s).
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005, chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

const faults = (body: unknown) => shop.api('POST', '/dev/faults', { body });
const inForce = async () => (await shop.api('GET', '/dev/faults')).body;
/** Waits until no queue holds a message: every event so far has been handled. */
const drained = () => until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), (done) => done, 10_000);
const placeAndPay = async (sku: string): Promise<Checkout> => {
  const placed = (await shop.checkout(await shop.openCart({ [sku]: 1 }))).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  return placed;
};
const detailTypes = async () => (await shop.events()).map((e) => e['detail-type']);

describe('POST /dev/faults', () => {
  it('answers what is in force; a bad body is a 400 naming the field and changes nothing; DELETE clears', async () => {
    const set = await faults({ putEvents: { failNext: 2, partial: true }, workers: { inventory: { failNext: 1 } }, stripe: { failNext: 3, status: 503 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ putEvents: { failNext: 2, partial: true }, workers: { inventory: { failNext: 1 } }, stripe: { failNext: 3, status: 503 } });
    expectProblem(await faults({ workers: { 'no-such-worker': { failNext: 1 } } }), 400, 'body.workers.no-such-worker');
    expectProblem(await faults({ stripe: { failNext: 1, status: 302 } }), 400, 'body.stripe.status');
    expectProblem(await shop.api('POST', '/dev/faults', { raw: '{not json' }), 400, 'body');
    expect(await inForce()).toEqual(set.body);
    const cleared = await shop.api('DELETE', '/dev/faults');
    expect(cleared.status).toBe(204);
    expect(cleared.text).toBe('');
    expect(await inForce()).toEqual({});
  });

  it('PutEvents, whole: the next N calls fail with an error the SDK throws on', async () => {
    const eventBridge = new EventBridgeClient({ endpoint: runtime.awsUrl, region: 'eu-west-3', maxAttempts: 1 });
    const entry = (n: number) => ({ EventBusName: busName, Source: 'commerce.test', DetailType: 'FaultProbe', Detail: JSON.stringify({ n }) });
    expect((await faults({ putEvents: { failNext: 2 } })).status).toBe(200);
    await expect(eventBridge.send(new PutEventsCommand({ Entries: [entry(1)] }))).rejects.toMatchObject({ name: 'InternalException', $metadata: { httpStatusCode: 500 } });
    await expect(eventBridge.send(new PutEventsCommand({ Entries: [entry(2)] }))).rejects.toMatchObject({ name: 'InternalException' });
    expect(await eventBridge.send(new PutEventsCommand({ Entries: [entry(3)] }))).toMatchObject({ FailedEntryCount: 0 });
    const probes = (await shop.events()).filter((e) => e['detail-type'] === 'FaultProbe');
    expect(probes.map((e) => e.detail)).toEqual([{ n: 3 }]);
    eventBridge.destroy();
  });

  it('PutEvents, partial: 200 with FailedEntryCount ≥ 1; the failed entries are not on the bus, the rest are', async () => {
    const eventBridge = new EventBridgeClient({ endpoint: runtime.awsUrl, region: 'eu-west-3', maxAttempts: 1 });
    const entries = [5, 6, 7, 8].map((n) => ({ EventBusName: busName, Source: 'commerce.test', DetailType: 'PartialProbe', Detail: JSON.stringify({ n }) }));
    expect((await faults({ putEvents: { failNext: 1, partial: true } })).status).toBe(200);
    const result = await eventBridge.send(new PutEventsCommand({ Entries: entries }));
    expect(result.FailedEntryCount).toBeGreaterThanOrEqual(1);
    expect(result.FailedEntryCount).toBeLessThan(4);
    const accepted = (result.Entries ?? []).flatMap((e, i) => (e.EventId ? [i + 5] : []));
    const onBus = (await shop.events()).filter((e) => e['detail-type'] === 'PartialProbe').map((e) => (e.detail as unknown as { n: number }).n);
    expect(onBus).toEqual(accepted);
    expect(await inForce()).toEqual({});
    eventBridge.destroy();
  });

  it('PutEvents failing under the Stripe webhook: Stripe retries, the order is paid once', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }))).body;
    await drained();
    expect((await faults({ putEvents: { failNext: 3 } })).status).toBe(200);
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    expect(await shop.orderUntil(placed, (o) => o.status === 'paid')).toMatchObject({ status: 'paid' });
    expect(await until(inForce, (view) => Object.keys(view).length === 0, 10_000)).toEqual({});
    // OrderPaid is written with the payment and published by the relay a moment later, once.
    expect(await until(() => shop.eventsOf('OrderPaid', placed.order.id), (found) => found.length > 0, 10_000)).toHaveLength(1);
  });

  it('a worker failing N times: its message comes back after the visibility timeout, then is processed', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'TEE-ORGANIC-M': 1 }))).body;
    await drained();
    const deadBefore = runtime.queues.payments.deadLetters.length;
    expect((await faults({ workers: { payments: { failNext: 2 } } })).status).toBe(200);
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    // Both failures used up, and the message not yet back for its third delivery: not paid yet.
    await until(inForce, (view) => !('workers' in view), 10_000);
    expect(await inForce()).toEqual({});
    expect((await shop.readOrder(placed)).body.status).toBe('pending_payment');
    const order = await until(() => shop.readOrder(placed).then((r) => r.body), (o) => o.status === 'paid', 10_000);
    expect(order).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/) });
    expect(runtime.queues.payments.deadLetters.length).toBe(deadBefore);
    expect(await until(() => shop.eventsOf('OrderPaid', placed.order.id), (found) => found.length > 0, 10_000)).toHaveLength(1);
  });

  it('Stripe answering 500 twice: the SDK retries (same idempotency key) and checkout places one PaymentIntent', async () => {
    const intents = async () => ((await fetch(`${runtime.stripeUrl}/_emulator/payment_intents`).then((r) => r.json())) as { data: unknown[] }).data.length;
    const before = await intents();
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 });
    expect((await faults({ stripe: { failNext: 2, status: 500 } })).body).toEqual({ stripe: { failNext: 2, status: 500 } });
    const placed = await shop.checkout(cart);
    expect(placed.status).toBe(201);
    expect(await intents()).toBe(before + 1);
    expect(await inForce()).toEqual({});
  });

  it('Stripe not answering at checkout: a 503, no order placed, the cart still open; the same request then places it', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 });
    // The SDK tries three times in all.
    await faults({ stripe: { failNext: 3, status: 500 } });
    const key = `stripe-down-${cart.id}`;
    const failed = await shop.checkout(cart, undefined, key);
    expectProblem(failed, 503, 'Stripe did not answer');
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: cart.headers })).status).toBe(200);
    const placed = await shop.checkout(cart, undefined, key);
    expect(placed.status).toBe(201);
    // The cart was still open (a placed order closes it) and the key unused: the retry placed it, once.
    expect(await shop.eventsOf('OrderPlaced', (placed.body as { order: { id: string } }).order.id)).toHaveLength(1);
  });

  it('Stripe failing with a status: that status, in Stripe’s error shape, then calls go through', async () => {
    await faults({ stripe: { failNext: 1, status: 503 } });
    const call = () => fetch(`${runtime.stripeUrl}/v1/payment_intents?limit=1`, { headers: { authorization: 'Bearer sk_test_local_emulator' } });
    const failed = await call();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { type: 'api_error' } });
    expect((await call()).status).toBe(200);
  });
});

describe('POST /dev/events/replay', () => {
  it('delivers every event again with the same event ids; consumers change nothing', async () => {
    const placed = [await placeAndPay('APRON-LINEN'), await placeAndPay('BOOK-GUIDE-PARIS')];
    for (const p of placed) await shop.orderUntil(p, (o) => o.status === 'paid');
    await drained();
    const orders = async () => Promise.all(placed.map(async (p) => (await shop.readOrder(p)).body));
    const invoices = async () => Promise.all(placed.map(async (p) => (await shop.api('GET', `/orders/${p.order.id}/invoice`, { headers: { 'x-order-token': p.orderToken } })).body));
    const stock = async () => Promise.all(['APRON-LINEN', 'BOOK-GUIDE-PARIS'].map(async (sku) => (await shop.api('GET', `/products/${sku}`)).body.available));
    const before = { orders: await orders(), invoices: await invoices(), stock: await stock(), events: await detailTypes(), outbox: (await shop.api<{ items: unknown[] }>('GET', '/dev/outbox')).body.items };
    const paidEventsBefore = await shop.eventsOf('OrderPaid', placed[0]!.order.id);
    const deadLetters = () => Object.values(runtime.queues).map((q) => q.deadLetters.length);
    const deadBefore = deadLetters();

    const replay = await shop.api('POST', '/dev/events/replay');
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ replayName: expect.any(String), events: before.events.length });
    // Every replayed message handled (the queues run dry), then nothing has moved.
    await drained();
    expect(await orders()).toEqual(before.orders);
    expect(await invoices()).toEqual(before.invoices);
    expect(await stock()).toEqual(before.stock);
    expect(await detailTypes()).toEqual(before.events);
    expect((await shop.api<{ items: unknown[] }>('GET', '/dev/outbox')).body.items).toEqual(before.outbox);
    expect(await shop.eventsOf('OrderPaid', placed[0]!.order.id)).toEqual(paidEventsBefore);
    expect(deadLetters()).toEqual(deadBefore);
  });
});

describe('OPTIONS preflight', () => {
  it('is answered as API Gateway answers it, without running a function', async () => {
    const reply = await fetch(`${runtime.apiUrl}/carts/abc/checkout`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key,x-cart-token' },
    });
    expect(reply.status).toBe(204);
    expect(Object.fromEntries([...reply.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE',
      'access-control-allow-headers': 'authorization,content-type,idempotency-key,x-cart-token,x-order-token',
      'access-control-max-age': '86400',
    });
    const simple = await fetch(`${runtime.apiUrl}/health`, { headers: { origin: 'https://shop.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');
    // A browser app may read Retry-After, and sees the gateway's own 401 rather than a CORS failure.
    expect(simple.headers.get('access-control-expose-headers')).toBe('retry-after');
    const refused = await fetch(`${runtime.apiUrl}/me/orders`, { headers: { origin: 'https://shop.example', authorization: 'Bearer not-a-token' } });
    expect([refused.status, refused.headers.get('access-control-allow-origin'), refused.headers.get('x-content-type-options')]).toEqual([401, '*', 'nosniff']);
  });
});

// Last: moving the clock ages every order of this runtime.
describe('POST /dev/clock', () => {
  it('an advance past the payment deadline cancels an unpaid order at once and gives its stock back', async () => {
    const sku = 'SWEAT-NAVY-L';
    const stockBefore = (await shop.api<{ available: number }>('GET', `/products/${sku}`)).body.available;
    const placed = (await shop.checkout(await shop.openCart({ [sku]: 1 }))).body;
    expect((await shop.api<{ available: number }>('GET', `/products/${sku}`)).body.available).toBe(stockBefore - 1);
    const clockBefore = Date.parse((await shop.api<{ now: string }>('GET', '/dev/clock')).body.now);

    expectProblem(await shop.api('POST', '/dev/clock', { body: { advanceSeconds: -60 } }), 400, 'body.advanceSeconds');
    expectProblem(await shop.api('POST', '/dev/clock', { body: {} }), 400, 'body.advanceSeconds');
    const moved = await shop.api<{ now: string }>('POST', '/dev/clock', { body: { advanceSeconds: 31 * 60 } });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now) - clockBefore).toBeGreaterThanOrEqual(31 * 60_000);

    // No waiting: the expiry schedule came due and ran before the answer.
    expect((await shop.readOrder(placed)).body).toMatchObject({ status: 'cancelled' });
    expect((await shop.api<{ available: number }>('GET', `/products/${sku}`)).body.available).toBe(stockBefore);
    const now = Date.parse((await shop.api<{ now: string }>('GET', '/dev/clock')).body.now);
    expect(now).toBeGreaterThanOrEqual(Date.parse(moved.body.now));
  });
});

describe('POST /dev/tokens', () => {
  it('mints only claims Cognito could issue: a group with a space, a bad email or an unknown claim is a 400 naming it, and no token', async () => {
    expectProblem(await shop.api('POST', '/dev/tokens', { body: { sub: 'c-groups', groups: ['not admin'] } }), 400, 'body.groups.0');
    expectProblem(await shop.api('POST', '/dev/tokens', { body: { sub: 'c-groups', email: 'not-an-email' } }), 400, 'body.email');
    expectProblem(await shop.api('POST', '/dev/tokens', { body: { sub: 'c-groups', role: 'admin' } }), 400, 'body.role');
    const admin = await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub: 'c-groups', groups: ['admin'] } });
    expect((await shop.api('GET', '/admin/settings', { headers: { authorization: `Bearer ${admin.body.token}` } })).status).toBe(200);
  });
});
