import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom, startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../../infra/local/stripe-emulator/index';

const secret = 'whsec_emulator_faults';
let endpoint: Server | undefined;
let emulator: StripeEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  await new Promise((r) => (endpoint ? endpoint.close(r) : r(undefined)));
  endpoint = undefined;
});

const startEndpoint = async () => {
  const received: Stripe.Event[] = [];
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(Stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), secret));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => endpoint!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/webhooks`, received };
};

const start = async (options: Partial<StripeEmulatorOptions> = {}) => {
  emulator = await startStripeEmulator({ port: 0, webhookSecret: secret, ...options });
  return sdk('sk_test_emulator');
};
const sdk = (key: string, maxNetworkRetries = 0) => new Stripe(key, { host: '127.0.0.1', port: emulator!.port, protocol: 'http', maxNetworkRetries });
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('idempotency keys, as Stripe honours them', () => {
  it('the same key and parameters replay the first response; other parameters or another endpoint are an idempotency_error', async () => {
    const stripe = await start();
    const first = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', metadata: { orderId: 'o1' } }, { idempotencyKey: 'key-1' });
    const again = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', metadata: { orderId: 'o1' } }, { idempotencyKey: 'key-1' });
    expect(json(again)).toEqual(json(first));
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(again.lastResponse.headers).toMatchObject({ 'idempotent-replayed': 'true', 'original-request': first.lastResponse.requestId });
    expect(emulator!.intents.all.size).toBe(1);
    // The event names the request and its key.
    expect(emulator!.webhooks.events[0]!.request).toEqual({ id: first.lastResponse.requestId, idempotency_key: 'key-1' });

    const other = stripe.paymentIntents.create({ amount: 2000, currency: 'eur', metadata: { orderId: 'o1' } }, { idempotencyKey: 'key-1' });
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(other).rejects.toMatchObject({
      statusCode: 400,
      rawType: 'idempotency_error',
      message: "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'key-1' if you meant to execute a different request.",
    });
    const elsewhere = stripe.paymentIntents.cancel(first.id, {}, { idempotencyKey: 'key-1' });
    await expect(elsewhere).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(elsewhere).rejects.toMatchObject({ message: expect.stringContaining('can only be used for the same endpoint') });
    // Keys belong to an account (an API key here): another one may use the same key for something else.
    const theirs = await sdk('sk_test_another_account').paymentIntents.create({ amount: 2000, currency: 'eur' }, { idempotencyKey: 'key-1' });
    expect(theirs.id).not.toBe(first.id);
  });

  it('errors are replayed too (a decline: one failed charge, the same 402), but refused parameters are not saved', async () => {
    const stripe = await start();
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    const decline = () =>
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: 'pay-1' }).then(
        () => expect.unreachable('declined'),
        (e: Stripe.errors.StripeError) => e,
      );
    const [a, b] = [await decline(), await decline()];
    expect(b).toMatchObject({ type: 'StripeCardError', statusCode: 402, charge: a.charge, headers: { 'idempotent-replayed': 'true' } });
    expect(emulator!.charges.all.size).toBe(1);
    await expect(stripe.paymentIntents.create({ amount: 10, currency: 'eur' }, { idempotencyKey: 'k-small' })).rejects.toMatchObject({ code: 'amount_too_small' });
    expect((await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' }, { idempotencyKey: 'k-small' })).status).toBe('requires_payment_method');
    // Byte for byte, and only for POST: a key on a GET changes nothing.
    const post = () => fetch(`${emulator!.url}/v1/refunds`, { method: 'POST', headers: { authorization: 'Bearer sk_test_emulator', 'idempotency-key': 'raw-1' }, body: `payment_intent=${intent.id}` });
    const [r1, r2] = [await post(), await post()];
    expect([r1.status, r2.status]).toEqual([400, 400]);
    expect(await r2.text()).toBe(await r1.text());
    const get = await fetch(`${emulator!.url}/v1/payment_intents/${intent.id}`, { headers: { authorization: 'Bearer sk_test_emulator', 'idempotency-key': 'raw-1' } });
    expect([get.status, get.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });
});

describe('injected faults', () => {
  it('failNext(count, status): the next calls answer a Stripe api_error and do nothing; the SDK retries through them', async () => {
    const stripe = await start();
    emulator!.failNext(2, 503);
    for (let i = 0; i < 2; i++) {
      const failure = stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
      await expect(failure).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
      await expect(failure).rejects.toMatchObject({ statusCode: 503, rawType: 'api_error' });
    }
    expect(emulator!.intents.all.size).toBe(0);
    expect(emulator!.webhooks.events).toHaveLength(0);
    expect((await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' })).status).toBe('requires_payment_method');
    // With retries (as the gateway configures them), one 500 is invisible and nothing is done twice.
    emulator!.failNext(1, 500);
    const retried = await sdk('sk_test_emulator', 2).paymentIntents.create({ amount: 1000, currency: 'eur' });
    expect(emulator!.intents.all.size).toBe(2);
    expect(retried.status).toBe('requires_payment_method');
    // The same, from outside the process.
    await fetch(`${emulator!.url}/_emulator/fail_next`, { method: 'POST', body: 'count=1&status=429' });
    await expect(stripe.paymentIntents.retrieve(retried.id)).rejects.toMatchObject({ statusCode: 429 });
  });

  it('with `apiChaos`, a call takes a while: another with its key meanwhile is a 409 idempotency_key_in_use, done nothing, and the SDK’s retry gets the first answer', async () => {
    const stripe = await start({ apiChaos: { random: () => 0.99, maxLatencyMs: 300, lostAnswerRate: 0 } });
    const create = (key: string, retries: number) => sdk('sk_test_emulator', retries).paymentIntents.create({ amount: 1000, currency: 'eur' }, { idempotencyKey: key });
    const first = stripe.paymentIntents.create({ amount: 1000, currency: 'eur' }, { idempotencyKey: 'slow-1' });
    await new Promise((r) => setTimeout(r, 50));
    const meanwhile = create('slow-1', 0);
    await expect(meanwhile).rejects.toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use', rawType: 'invalid_request_error' });
    const [done, retried] = await Promise.all([first, create('slow-1', 2)]);
    expect(retried.id).toBe(done.id);
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emulator!.intents.all.size).toBe(1);
    expect(emulator!.apiInjected.keysInUse).toBeGreaterThanOrEqual(1);
    // Other keys, and calls without one, are not held up by it.
    await Promise.all([create('slow-2', 0), create('slow-3', 0), stripe.paymentIntents.retrieve(done.id)]);
    expect(emulator!.intents.all.size).toBe(3);
  });

  it('with `apiChaos`, an answer is lost after the work is done (once per key): the SDK’s retry with the same key gets the saved answer, nothing is done twice', async () => {
    await start({ apiChaos: { random: () => 0, maxLatencyMs: 0, lostAnswerRate: 0.5 } });
    const intent = await sdk('sk_test_emulator', 2).paymentIntents.create({ amount: 1000, currency: 'eur' }, { idempotencyKey: 'lost-1' });
    expect(intent.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emulator!.intents.all.size).toBe(1);
    expect(emulator!.webhooks.events.filter((e) => e.type === 'payment_intent.created')).toHaveLength(1);
    expect(emulator!.apiInjected.lostAnswers).toBe(1);
    // stripe-node retries a closed connection once even with retries off; a client that does not, never hears it was done.
    const raw = fetch(`${emulator!.url}/v1/payment_intents`, { method: 'POST', headers: { authorization: 'Bearer sk_test_emulator', 'idempotency-key': 'lost-2' }, body: 'amount=1000&currency=eur' });
    await expect(raw).rejects.toThrow();
    expect(emulator!.intents.all.size).toBe(2);
    // Calls without a key keep their answers (a retry of theirs would do it again).
    const unkeyed = await fetch(`${emulator!.url}/v1/payment_intents`, { method: 'POST', headers: { authorization: 'Bearer sk_test_emulator' }, body: 'amount=1000&currency=eur' });
    expect(unkeyed.status).toBe(200);
    expect(emulator!.apiInjected.lostAnswers).toBe(2);
  });
});

/** The order in which the events of a payment's confirmation arrived. */
const confirmation = (events: Stripe.Event[], intentId: string) =>
  events
    .filter((e) => e.type !== 'payment_intent.created')
    .filter((e) => (e.data.object as { id: string }).id === intentId || (e.data.object as { payment_intent?: string }).payment_intent === intentId)
    .map((e) => e.type);

const pay = async (stripe: Stripe, count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await stripe.paymentIntents.create({ amount: 1000 + i, currency: 'eur', payment_method: 'pm_card_visa', confirm: true })).id);
  await emulator!.idle();
  return ids;
};

describe('webhook order and duplicates: deterministic by default, free under a seeded random', () => {
  it('by default, each event once, in the order things happened', async () => {
    const hook = await startEndpoint();
    const stripe = await start({ webhookUrl: hook.url });
    const ids = await pay(stripe, 5);
    expect(hook.received.map((e) => e.id)).toEqual(emulator!.webhooks.events.map((e) => e.id));
    for (const id of ids) expect(confirmation(hook.received, id)).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
    expect(emulator!.chaosInjected).toMatchObject({ webhookRedeliveries: 0 });
  });

  it('with `random`, the events of one state change come in either order, each once', async () => {
    const hook = await startEndpoint();
    const stripe = await start({ webhookUrl: hook.url, random: seededRandom(7) });
    const ids = await pay(stripe, 12);
    expect(hook.received.map((e) => e.id).sort()).toEqual(emulator!.webhooks.events.map((e) => e.id).sort());
    const orders = new Set(ids.map((id) => confirmation(hook.received, id).join(' then ')));
    expect(orders).toEqual(new Set(['charge.succeeded then payment_intent.succeeded', 'payment_intent.succeeded then charge.succeeded']));
  });

  it('with `chaos`, some events come twice and some late (overtaken by later ones), all of them at least once', async () => {
    const hook = await startEndpoint();
    const stripe = await start({ webhookUrl: hook.url, chaos: { random: seededRandom(42), duplicateRate: 0.5, maxDelayMs: 40 } });
    await pay(stripe, 10);
    const sent = emulator!.webhooks.events.map((e) => e.id);
    const got = hook.received.map((e) => e.id);
    expect(new Set(got)).toEqual(new Set(sent));
    expect(emulator!.chaosInjected.webhookRedeliveries).toBeGreaterThan(0);
    expect(got).toHaveLength(sent.length + emulator!.chaosInjected.webhookRedeliveries);
    expect(got.some((id, i) => got.indexOf(id) !== i)).toBe(true); // a duplicate
    const firstSeen = sent.map((id) => got.indexOf(id));
    expect(firstSeen.some((at, i) => i > 0 && at < Math.max(...firstSeen.slice(0, i)))).toBe(true); // an event overtaken
  });
});
