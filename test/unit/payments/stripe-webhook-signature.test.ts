import { describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import { SIGNATURE_TOLERANCE_SECONDS, verifyStripeEvent } from '#payments/adapters/stripe-webhook';
import { signPayload } from '../../../infra/local/stripe-emulator/webhooks';

const secret = 'whsec_test_secret';
const now = Date.UTC(2026, 11, 7, 12, 0, 0);
const seconds = Math.floor(now / 1000);
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: seconds, data: { object: {} } });

/** The fields a refusal names, or 'accepted'. */
const verdict = (rawBody: string, header: string): string[] | 'accepted' => {
  try {
    verifyStripeEvent(rawBody, header, secret, SIGNATURE_TOLERANCE_SECONDS, now);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((e) => `${e.path}: ${e.message}`);
  }
};

describe('verifyStripeEvent', () => {
  it('accepts a signature made now, or a little ahead or behind (clocks drift)', () => {
    expect(verifyStripeEvent(body, signPayload(body, secret, seconds), secret, SIGNATURE_TOLERANCE_SECONDS, now)).toMatchObject({ id: 'evt_1' });
    expect(verdict(body, signPayload(body, secret, seconds + SIGNATURE_TOLERANCE_SECONDS))).toBe('accepted');
    expect(verdict(body, signPayload(body, secret, seconds - SIGNATURE_TOLERANCE_SECONDS))).toBe('accepted');
  });

  it('refuses a signature made too long ago', () => {
    expect(verdict(body, signPayload(body, secret, seconds - SIGNATURE_TOLERANCE_SECONDS - 1))).toEqual(['header.stripe-signature: does not verify']);
  });

  it('refuses a signature dated ahead by more than the tolerance: it would stay replayable until then', () => {
    expect(verdict(body, signPayload(body, secret, seconds + SIGNATURE_TOLERANCE_SECONDS + 1))).toEqual(['header.stripe-signature: is dated more than 300 seconds ahead']);
    expect(verdict(body, signPayload(body, secret, 9_999_999_999))).toEqual(['header.stripe-signature: is dated more than 300 seconds ahead']);
  });

  it('refuses a wrong secret, another body or no header, naming the header', () => {
    expect(verdict(body, signPayload(body, 'whsec_other', seconds))).toEqual(['header.stripe-signature: does not verify']);
    expect(verdict(`${body} `, signPayload(body, secret, seconds))).toEqual(['header.stripe-signature: does not verify']);
    expect(() => verifyStripeEvent(body, undefined, secret)).toThrow(ValidationError);
  });

  it('names the body when what was signed is not a JSON object', () => {
    for (const signed of ['not json{', 'null', '[1,2]', '42']) {
      const problem = verdict(signed, signPayload(signed, secret, seconds));
      expect(problem).toHaveLength(1);
      expect(problem[0]).toMatch(/^body: /);
    }
  });
});
