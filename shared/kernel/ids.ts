import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Cart and order tokens are bearer secrets: 256 random bits, shown once to the client and
 * stored only as a SHA-256 hash, so a leaked table does not leak access to carts and orders.
 */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison, so response times do not reveal how much of a token was right. */
export const tokenMatches = (hash: string, token: string | undefined): boolean => {
  if (!token) return false;
  const a = Buffer.from(hash, 'hex');
  const b = Buffer.from(hashToken(token), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Ids that are unguessable too (cart and order ids appear in URLs). */
export const newId = (): string => randomBytes(16).toString('base64url');
