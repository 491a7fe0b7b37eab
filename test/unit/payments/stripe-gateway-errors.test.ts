import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, UnavailableError, UnprocessableError } from '#kernel/errors';
import { createStripeGateway } from '#payments/adapters/stripe-gateway';
import { stripeRetryDelayMs, stripeTiming, worstStripeCallMs, type StripeTiming } from '#payments/adapters/stripe-timing';
import { startStripeEmulator, type StripeEmulator } from '../../../infra/local/stripe-emulator/index';

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0, webhookSecret: 'whsec_gateway_errors' });
});
afterAll(() => emulator.close());

const gatewayAt = (port: number, timing?: StripeTiming) =>
  createStripeGateway({ secretKey: 'sk_test_gateway_errors', apiHost: '127.0.0.1', apiPort: port, apiProtocol: 'http', ...(timing && { timing }) });
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A port that refuses connections: Stripe down. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
};

describe('the Stripe gateway, in our words', () => {
  it('a request Stripe refuses is the client’s problem (422)', async () => {
    await expect(gatewayAt(emulator.port).retrievePaymentIntent('pi_does_not_exist')).rejects.toBeInstanceOf(UnprocessableError);
  });

  it('an idempotency key reused with other parameters is a conflict (409)', async () => {
    const gateway = gatewayAt(emulator.port);
    await gateway.createPaymentIntent({ orderId: 'o-1', orderNumber: '2026-000001', amount: eur(1000), idempotencyKey: 'order-o-1' });
    await expect(gateway.createPaymentIntent({ orderId: 'o-1', orderNumber: '2026-000001', amount: eur(2000), idempotencyKey: 'order-o-1' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('an idempotency key still in use by a request in flight, after the SDK’s retries, is Stripe unavailable (503): no refusal to record', async () => {
    const answers: number[] = [];
    const server = createHttpServer((request, response) => {
      answers.push(409);
      response.writeHead(409, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'invalid_request_error', code: 'idempotency_key_in_use', message: 'There is currently another in-progress request using this Idempotent Key.' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const gateway = gatewayAt((server.address() as { port: number }).port, { attemptTimeoutMs: 2_000, maxNetworkRetries: 1 });
      await expect(gateway.createRefund({ paymentIntentId: 'pi_1', idempotencyKey: 'refund-1', metadata: {} })).rejects.toBeInstanceOf(UnavailableError);
      expect(answers.length).toBe(2);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 30_000);

  it('Stripe out of reach, after the SDK’s retries, is Stripe unavailable (503), whatever the call', async () => {
    const gateway = gatewayAt(await closedPort());
    const calls = [
      gateway.createPaymentIntent({ orderId: 'o-2', orderNumber: '2026-000002', amount: eur(1000), idempotencyKey: 'order-o-2' }),
      gateway.cancelPaymentIntent('pi_1', 'cancel-1'),
      gateway.createRefund({ paymentIntentId: 'pi_1', idempotencyKey: 'refund-1', metadata: {} }),
      gateway.retrievePaymentIntent('pi_1'),
    ];
    for (const outcome of await Promise.allSettled(calls)) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(UnavailableError) });
  }, 30_000);
});

/** A server that accepts connections and never answers: Stripe hung. */
const silentServer = async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => sockets.length,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((r) => server.close(r));
    },
  };
};

describe('a Stripe that never answers', () => {
  it('is Stripe unavailable (503) once every attempt has timed out, within the worst case the function timeouts allow for', async () => {
    const stripe = await silentServer();
    const timing = { ...stripeTiming, attemptTimeoutMs: 200 };
    const started = performance.now();
    const outcome = await gatewayAt(stripe.port, timing)
      .createPaymentIntent({ orderId: 'o-3', orderNumber: '2026-000003', amount: eur(1000), idempotencyKey: 'order-o-3' })
      .catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    await stripe.close();
    expect(outcome).toBeInstanceOf(UnavailableError);
    expect(stripe.connections()).toBe(timing.maxNetworkRetries + 1);
    // Each sleep is exactly its bound at these retries: the elapsed time is the worst case itself.
    expect(elapsed).toBeGreaterThanOrEqual(worstStripeCallMs(timing) - 50);
    expect(elapsed).toBeLessThan(worstStripeCallMs(timing) + 1_000);
  }, 10_000);

  it("reckons the worst case with stripe-node's own backoff bounds", () => {
    const sdk = new Stripe('sk_test_gateway_errors');
    expect({ initial: sdk.getInitialNetworkRetryDelay() * 1000, max: sdk.getMaxNetworkRetryDelay() * 1000 }).toEqual(stripeRetryDelayMs);
    expect(worstStripeCallMs({ attemptTimeoutMs: 5_000, maxNetworkRetries: 2 })).toBe(16_000);
    expect(worstStripeCallMs({ attemptTimeoutMs: 10_000, maxNetworkRetries: 2 })).toBe(31_000);
  });
});
