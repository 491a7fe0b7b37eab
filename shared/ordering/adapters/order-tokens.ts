import type { SigningKey } from '#runtime/signing';
import type { SigningKeyOnFirstUse } from '#runtime/signing-on-first-use';
import type { OrderTokenCheck, OrderTokens } from '../app/ports';

/** Signs order ids only: a cursor or any other signature of the same key never passes for a token. */
const PURPOSE = 'order-token';

/**
 * Order tokens as an HMAC of the order id under the server's signing key (Secrets Manager): a
 * token can be checked, and shown again on a replayed checkout, without being stored anywhere.
 * Rotating the key revokes every order token at once (signed-in customers still read theirs).
 * Issued by checkout and the emails' links, with the key at hand.
 */
export const createOrderTokens = (signing: SigningKey): OrderTokens => ({
  issue: (orderId) => signing.sign(PURPOSE, orderId),
});

/**
 * Checking a token, for the functions that read orders (orders, invoices, credit notes, downloads,
 * returns): the key is read (from Secrets Manager in AWS) on the first token there is to check,
 * so a cold start whose request has none, a signed-in customer's, never reads it.
 */
export const orderTokenCheckOnFirstUse = (key: SigningKeyOnFirstUse): OrderTokenCheck => ({
  matches: async (orderId, token) => token !== undefined && (await key()).verify(PURPOSE, orderId, token),
});
