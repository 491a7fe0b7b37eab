import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, loadedAtStart } from '../../infra/aws/bundling';
import { startStripeEmulator, type StripeEmulator } from '../../infra/local/stripe-emulator/index';

/**
 * The Stripe SDK as bundled (`infra/aws/esbuild-worker.mjs` leaves out the resources we never
 * call): what is left makes every call the functions make, against the emulator, and checks a
 * webhook's signature; the other resources are gone from the bundle.
 */
describe('the Stripe SDK, bundled with the resources we call', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'stripe-bundle-'));
  let emulator: StripeEmulator;
  let code: string;
  let outcome: { stdout: string; stderr: string };

  beforeAll(async () => {
    emulator = await startStripeEmulator({ port: 0, webhookSecret: 'whsec_bundle' });
    const metafile = bundleFunction(path.resolve(import.meta.dirname, '../fixtures/bundled/stripe-calls.ts'), outdir, {});
    code = loadedAtStart(metafile, outdir).map((file) => readFileSync(file, 'utf8')).join('\n');
    const body = JSON.stringify({ id: 'evt_bundle_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', object: 'payment_intent' } } });
    const env = {
      PATH: process.env.PATH ?? '',
      STRIPE_SECRET_KEY: 'sk_test_bundle',
      STRIPE_API_PORT: String(emulator.port),
      EVENT_BODY: body,
      EVENT_SIGNATURE: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_bundle' }),
      WEBHOOK_SECRET: 'whsec_bundle',
    };
    const child = spawn(process.execPath, [path.join(outdir, 'index.mjs')], { env });
    outcome = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (outcome.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()));
    await new Promise((resolve) => child.on('close', resolve));
  }, 60_000);
  afterAll(async () => {
    await emulator.close();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('creates, reads and cancels PaymentIntents, refunds one and reads it back, translates errors and checks signatures', () => {
    expect(outcome.stderr).toBe('');
    expect(JSON.parse(outcome.stdout)).toEqual({
      created: { status: 'requires_payment_method', hasClientSecret: true },
      read: { status: 'succeeded', amount: { amount: 4990, currency: 'EUR' }, orderId: 'ord_bundle_1' },
      refund: { status: 'succeeded', amount: { amount: 1000, currency: 'EUR' } },
      // A refund read back with its PaymentIntent, whose metadata names the order (a refund made in Stripe's dashboard has none of its own).
      refundRead: { status: 'succeeded', amount: { amount: 1000, currency: 'EUR' }, paymentIntentId: true, orderId: 'ord_bundle_1' },
      canceled: 'canceled',
      missing: 'unprocessable',
      event: 'evt_bundle_1',
      forged: 'refused',
    });
  });

  it('leaves out the resources no function calls', () => {
    expect(code).toContain('/v1/payment_intents');
    expect(code).toContain('/v1/refunds');
    for (const unused of ['/v1/customers', '/v1/subscriptions', '/v1/issuing/authorizations', '/v1/checkout/sessions', '/v2/core/accounts']) expect(code).not.toContain(unused);
  });
});
