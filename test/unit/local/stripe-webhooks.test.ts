import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '../../../infra/local/stripe-emulator/index';

const secret = 'whsec_emulator_test';
let endpoint: Server | undefined;
let emulator: StripeEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  await new Promise((r) => (endpoint ? endpoint.close(r) : r(undefined)));
});

/** A webhook endpoint that fails its first `failures` requests, and records what it got. */
const startEndpoint = async (failures: number) => {
  const received: { body: string; signature: string; status: number }[] = [];
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = received.length < failures ? 500 : 200;
      received.push({ body, signature: String(req.headers['stripe-signature']), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => endpoint!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/webhooks/stripe`, received };
};

const sdkFor = (port: number) => new Stripe('sk_test_emulator', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

describe('the Stripe emulator, driven by the real SDK', () => {
  it('signs webhooks exactly as Stripe does (the SDK verifies them) and retries a refused event until a 2xx, the events behind it going on meanwhile', async () => {
    const hook = await startEndpoint(1);
    emulator = await startStripeEmulator({ port: 0, webhookUrl: hook.url, webhookSecret: secret, retryDelaysMs: [50, 100, 200] });
    const stripe = sdkFor(emulator.port);
    emulator.webhooks.pause(); // the events of both calls queued, whatever the machine's pace
    const intent = await stripe.paymentIntents.create({ amount: 1990, currency: 'eur', metadata: { orderId: 'ord_1' } });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    emulator.webhooks.resume();
    await emulator.webhooks.idle();
    // Every delivery verifies with the SDK's own check, and not with another secret.
    const events = hook.received.map((r) => ({ event: stripe.webhooks.constructEvent(r.body, r.signature, secret), status: r.status }));
    expect(() => stripe.webhooks.constructEvent(hook.received[0]!.body, hook.received[0]!.signature, 'whsec_other')).toThrow();
    // The refused event came again as the same event (same id), after the ones behind it: Stripe
    // promises no order, and a retried event is overtaken.
    const refused = events[0]!;
    expect(refused.status).toBe(500);
    const accepted = events.filter((e) => e.status === 200).map((e) => e.event.id);
    expect(new Set(accepted)).toEqual(new Set(emulator.webhooks.events.map((e) => e.id)));
    expect(accepted.at(-1)).toBe(refused.event.id);
    expect(accepted.length).toBeGreaterThan(1);
    const success = events.find((e) => e.event.type === 'payment_intent.succeeded')!.event;
    expect(success.data.object).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 1990 });
  });

  it('gives an event up after its last retry, as Stripe does', async () => {
    const hook = await startEndpoint(100);
    emulator = await startStripeEmulator({ port: 0, webhookUrl: hook.url, webhookSecret: secret, retryDelaysMs: [10, 20] });
    await sdkFor(emulator.port).paymentIntents.create({ amount: 1990, currency: 'eur' });
    await emulator.webhooks.idle();
    expect(hook.received.map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('answers declines, unknown ids and reused idempotency keys with Stripe-shaped errors', async () => {
    emulator = await startStripeEmulator({ port: 0, webhookSecret: secret });
    const stripe = sdkFor(emulator.port);
    const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'eur' }, { idempotencyKey: 'k-1' });
    expect((await stripe.paymentIntents.create({ amount: 500, currency: 'eur' }, { idempotencyKey: 'k-1' })).id).toBe(intent.id);
    await expect(stripe.paymentIntents.create({ amount: 900, currency: 'eur' }, { idempotencyKey: 'k-1' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' })).rejects.toMatchObject({ type: 'StripeCardError', code: 'card_declined' });
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing' });
    const cancelled = await stripe.paymentIntents.cancel(intent.id);
    expect(cancelled.status).toBe('canceled');
  });
});
