import type { SigningKey } from './signing';
import { requireSigningSource, type SigningConfig } from './signing-source';

/** The signing key, read when first asked for: `signingKeyOnFirstUse(config.signing)`. */
export type SigningKeyOnFirstUse = () => Promise<SigningKey>;

/**
 * For a function that needs the key on some requests only (an order token to check): the key, and
 * the Secrets Manager client that reads it in AWS, are loaded by the first request that asks. A
 * failed read is not kept: the next request tries again.
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
