import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealer } from '#runtime/idempotency';
import { signingKey } from '#runtime/signing';

const key = signingKey('test-signing-secret-of-enough-length-0123456789');
const response = JSON.stringify({
  order: { id: 'ord_1', items: Array.from({ length: 6 }, (_, i) => ({ sku: `BOOK-${i}`, name: `A long book title number ${i}`, quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } })) },
  orderToken: 'ot_secret',
  payment: { provider: 'stripe', paymentIntentId: 'pi_1', clientSecret: 'pi_1_secret_abc' },
});

/** A record sealed as `v1` was, before responses were compressed: AES-256-GCM over the UTF-8 text. */
const sealedAsV1 = (plain: string, scope: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key.sign('idempotency-record-encryption', 'v1'), 'base64url'), iv).setAAD(Buffer.from(scope));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
};

describe('sealed idempotency responses', () => {
  const { seal, open } = sealer(key);

  it('opens what it sealed, for the same record key only', () => {
    const sealed = seal(response, 'cart-1#K-1');
    expect(open(sealed, 'cart-1#K-1')).toBe(response);
    expect(open(sealed, 'cart-2#K-1')).toBeUndefined();
    expect(sealed).not.toContain('ot_secret');
  });

  it('stores the response compressed: smaller than the response itself, where v1 was a third larger', () => {
    const sealed = seal(response, 'cart-1#K-1');
    expect(sealed.startsWith('v2.')).toBe(true);
    expect(sealed.length).toBeLessThan(response.length * 0.6);
    expect(sealedAsV1(response, 'cart-1#K-1').length).toBeGreaterThan(response.length);
  });

  it('still opens records sealed as v1 before the change, until they expire', () => {
    expect(open(sealedAsV1(response, 'cart-1#K-1'), 'cart-1#K-1')).toBe(response);
    expect(open(sealedAsV1(response, 'cart-1#K-1'), 'cart-9#K-1')).toBeUndefined();
  });

  it('refuses a record sealed under another signing key', () => {
    const other = sealer(signingKey('another-signing-secret-of-enough-length-987654'));
    expect(open(other.seal(response, 'cart-1#K-1'), 'cart-1#K-1')).toBeUndefined();
  });
});
