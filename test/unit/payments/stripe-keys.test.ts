import { describe, expect, it } from 'vitest';
import { readStripeSecret } from '#payments/adapters/stripe-keys';

describe('the Stripe keys an operator puts in Secrets Manager', () => {
  it('take a secret key or a restricted one', () => {
    for (const secretKey of ['sk_live_abc', 'rk_live_abc']) {
      expect(readStripeSecret({ secretKey, webhookSecret: 'whsec_1' })).toEqual({ secretKey, webhookSecret: 'whsec_1' });
    }
  });

  it('refuse a publishable key, or no webhook secret, naming the field', () => {
    expect(() => readStripeSecret({ secretKey: 'pk_live_abc', webhookSecret: 'whsec_1' })).toThrow(/secretKey/);
    expect(() => readStripeSecret({ secretKey: 'sk_live_abc', webhookSecret: '' })).toThrow(/webhookSecret/);
  });
});
