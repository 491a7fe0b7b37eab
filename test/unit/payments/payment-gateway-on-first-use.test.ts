import { afterEach, describe, expect, it } from 'vitest';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import type { StripeConfig } from '#payments/adapters/stripe-keys';
import { startStripeEmulator, type StripeEmulator } from '../../../infra/local/stripe-emulator/index';

let emulator: StripeEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('paymentGatewayOnFirstUse', () => {
  it('reads no key until a call needs Stripe, and reads them again after a load that failed', async () => {
    // Prepare: no key at all, which `loadPaymentGateway` refuses at once.
    const config: StripeConfig = {};
    const gateway = paymentGatewayOnFirstUse(config);

    // Act + Assess: the first call fails the way a cold start used to...
    await expect(gateway.retrievePaymentIntent('pi_missing')).rejects.toThrow(/STRIPE_SECRET_ARN \(AWS\) or STRIPE_SECRET_KEY/);

    // ...and once the key can be read, the same gateway gets through to Stripe.
    emulator = await startStripeEmulator({ port: 0, webhookSecret: 'whsec_first_use' });
    Object.assign(config, { STRIPE_SECRET_KEY: 'sk_test_first_use', STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: emulator.port, STRIPE_API_PROTOCOL: 'http' });
    const created = await gateway.createPaymentIntent({ orderId: 'ord_1', orderNumber: '2026-000001', amount: { amount: 4990, currency: 'EUR' }, idempotencyKey: 'first-use-1' });
    const read = await gateway.retrievePaymentIntent(created.paymentIntentId);
    expect(read).toMatchObject({ paymentIntentId: created.paymentIntentId, amount: { amount: 4990, currency: 'EUR' }, orderId: 'ord_1' });
  });
});
