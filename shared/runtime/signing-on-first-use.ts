import type { SigningKey } from './signing';
import { requireSigningSource, type SigningConfig } from './signing-source';

/** The signing key, read when first asked for: `signingKeyOnFirstUse(config.signing)`. */
export type SigningKeyOnFirstUse = () => Promise<SigningKey>;

/**
 * For a function that needs the key on some paths only (an order token to check, a cursor, an
 * email's link): the key, and the Secrets Manager client that reads it in AWS, are loaded by the
 * first request or event that asks. A failed read is not kept: the next one tries again.
 */
export const signingKeyOnFirstUse = (config: SigningConfig): SigningKeyOnFirstUse => {
  requireSigningSource(config);
  let key: Promise<SigningKey> | undefined;
  return () =>
    (key ??= import('./signing')
      .then(({ loadSigningKey }) => loadSigningKey(config))
      .catch((error: unknown) => {
        key = undefined;
        throw error;
      }));
};
