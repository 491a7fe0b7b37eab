import { createHmac, timingSafeEqual } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { requireSigningSource, type SigningConfig } from './signing-source';

/**
 * The server's HMAC key, from Secrets Manager in AWS (fetched once per container, at cold start or
 * on first use: signing-on-first-use.ts; cached by Powertools) or `SIGNING_SECRET` locally. What
 * it signs can be recomputed instead of stored: a cursor proves the server issued it, an order
 * token is derived from the order id.
 */
export const loadSigningKey = async (config: SigningConfig): Promise<SigningKey> => {
  requireSigningSource(config);
  const secret = config.SIGNING_SECRET ?? (await getSecret(config.SIGNING_SECRET_ARN!, { maxAge: 300 }));
  if (typeof secret !== 'string' || secret.length < 16) throw new Error('The signing secret must be a string of 16 characters or more.');
  return signingKey(secret);
};

export interface SigningKey {
  /** HMAC-SHA256 of `value` for one `purpose` (so a cursor can never pass for a token), base64url. */
  sign(purpose: string, value: string): string;
  /** Constant-time check of a signature made by `sign`. */
  verify(purpose: string, value: string, signature: string | undefined): boolean;
}

export const signingKey = (secret: string): SigningKey => {
  const sign = (purpose: string, value: string) => createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');
  return {
    sign,
    verify(purpose, value, signature) {
      if (!signature) return false;
      const expected = Buffer.from(sign(purpose, value));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
};
