import type { Context } from 'aws-lambda';
import type { SigningKeyOnFirstUse } from './signing-on-first-use';

/** What an operation whose Idempotency-Key is optional receives: `key` (scoped by the caller) is undefined without one. */
export interface OptionallyKeyedInput {
  key: string | undefined;
  /** The request as sent; with a key, the same key with another request is refused. */
  request: unknown;
}

/**
 * `idempotent` (idempotency.ts) for a route whose Idempotency-Key is optional (`idempotent:
 * 'optional'` in its wiring). A request without a key runs the operation, as it did before the
 * route took keys. One with a key is done once per key and request: a replay answers the first
 * result (sealed at rest), another request under the key is a 422, a duplicate still running a 409.
 *
 * Powertools' idempotency and the signing key that seals the records are loaded by the first
 * request that carries a key (`import()`), not by the cold start of a function whose clients may
 * send none. A load that fails is tried again by the next request. `keyPrefix` (the route, say)
 * keeps these records apart from any other operation's. Whoever calls it authorizes the caller
 * first: a replay hands the stored response to anyone who reaches it.
 */
export const idempotentWhenKeyed = <I extends OptionallyKeyedInput, R>(
  operation: (input: I) => Promise<R>,
  options: { tableName: string; sealWith: SigningKeyOnFirstUse; keyPrefix: string },
) => {
  let keyed: Promise<(input: I & { key: string }, lambdaContext: Context) => Promise<R>> | undefined;
  const load = () =>
    (keyed ??= Promise.all([import('./idempotency'), options.sealWith()])
      .then(([{ idempotent }, sealWith]) => idempotent<I & { key: string }, R>(operation, { tableName: options.tableName, sealWith, keyPrefix: options.keyPrefix }))
      .catch((error: unknown) => {
        keyed = undefined;
        throw error;
      }));
  return async (input: I, lambdaContext: Context): Promise<R> => {
    const { key } = input;
    if (key === undefined) return operation(input);
    return (await load())({ ...input, key }, lambdaContext);
  };
};
