import { describe, expect, it } from 'vitest';
import { cartFunctions } from '#cart/functions';
import { notificationsFunctions } from '#notifications/functions';
import { orderingFunctions } from '#ordering/functions';
import { paymentsFunctions } from '#payments/functions';
import { loadFunctionConfig } from '#runtime/config';

describe("a function's configuration", () => {
  it("reads the sections its grants bring, from its own context's functions, and nothing else", () => {
    const config = loadFunctionConfig(orderingFunctions, 'checkout', {
      TABLE_NAME: 'commerce',
      IDEMPOTENCY_TABLE_NAME: 'commerce-idempotency',
      STRIPE_SECRET_KEY: 'sk_test_1',
      SIGNING_SECRET: 'a-signing-key-of-16+',
      JWT_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool',
      JWT_AUDIENCE: 'client-id',
      EVENT_BUS_NAME: 'not granted to checkout',
    });
    expect(config).toEqual({
      table: { TABLE_NAME: 'commerce' },
      idempotency: { IDEMPOTENCY_TABLE_NAME: 'commerce-idempotency' },
      stripe: { STRIPE_SECRET_KEY: 'sk_test_1' },
      signing: { SIGNING_SECRET: 'a-signing-key-of-16+' },
      identity: { JWT_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_pool', JWT_AUDIENCE: 'client-id' },
    });
  });

  it('names each missing variable in one sentence', () => {
    expect(() => loadFunctionConfig(orderingFunctions, 'checkout', {})).toThrow(
      'Configuration of checkout is incomplete: set the environment variable(s) TABLE_NAME, IDEMPOTENCY_TABLE_NAME, JWT_ISSUER, JWT_AUDIENCE.',
    );
  });

  it('names each variable whose value is wrong, and leaves out the optional ones unset', () => {
    const notifications = {
      TABLE_NAME: 'commerce',
      SHOP_EMAIL: 'shop@example.com',
      MAIL_FROM: 'no-reply@example.com',
      SIGNING_SECRET: 'a-signing-key-of-16+',
      DOWNLOADS_BASE_URL: 'http://127.0.0.1:3000',
    };
    expect(loadFunctionConfig(notificationsFunctions, 'notifications', notifications)).toEqual({
      table: { TABLE_NAME: 'commerce' },
      email: { SHOP_EMAIL: 'shop@example.com', MAIL_FROM: 'no-reply@example.com' },
      signing: { SIGNING_SECRET: 'a-signing-key-of-16+' },
      downloads: { DOWNLOADS_BASE_URL: 'http://127.0.0.1:3000' },
    });
    expect(Object.keys(loadFunctionConfig(notificationsFunctions, 'notifications', notifications).downloads)).toEqual(['DOWNLOADS_BASE_URL']);
    const wrong = { TABLE_NAME: '', SHOP_EMAIL: 'shop', MAIL_FROM: 'a..b@example.com', SIGNING_SECRET: 'too-short', DOWNLOADS_BUCKET: '', DOWNLOADS_BASE_URL: 'not a url' };
    expect(() => loadFunctionConfig(notificationsFunctions, 'notifications', wrong)).toThrow(
      'Configuration of notifications is incomplete: set the environment variable(s) TABLE_NAME, SHOP_EMAIL, MAIL_FROM, SIGNING_SECRET, DOWNLOADS_BUCKET, DOWNLOADS_BASE_URL.',
    );
  });

  it("reads Stripe's local address as the SDK takes it: a port as a number, a protocol among http and https", () => {
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_local', STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' };
    expect(loadFunctionConfig(paymentsFunctions, 'stripe-webhook', { ...stripe, EVENT_BUS_NAME: 'commerce' }).stripe).toEqual({ ...stripe, STRIPE_API_PORT: 12111 });
    expect(() =>
      loadFunctionConfig(paymentsFunctions, 'stripe-webhook', { EVENT_BUS_NAME: 'commerce', STRIPE_SECRET_KEY: 'pk_test_1', STRIPE_API_PORT: '12111.5', STRIPE_API_PROTOCOL: 'ftp' }),
    ).toThrow('set the environment variable(s) STRIPE_SECRET_KEY, STRIPE_API_PORT, STRIPE_API_PROTOCOL.');
  });

  it('refuses functions that do not include it', () => {
    // @ts-expect-error checkout is ordering's: the compiler refuses it with the cart's functions.
    expect(() => loadFunctionConfig(cartFunctions, 'checkout', {})).toThrow('No function checkout among those given.');
  });
});
