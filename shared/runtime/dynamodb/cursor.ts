import { ValidationError } from '#kernel/errors';

/**
 * Pagination cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. A cursor a client made
 * up is refused with a 400 rather than passed to DynamoDB (which would answer with a 500-ish error).
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export const decodeCursor = (cursor: string | undefined, expectedKeys: readonly string[]): Record<string, string> | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = new ValidationError('The cursor is not one this API gave out.', [
    { path: 'query.cursor', message: 'is not a valid cursor' },
  ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalid;
  const entries = Object.entries(decoded);
  const ok =
    entries.length === expectedKeys.length &&
    entries.every(([k, v]) => expectedKeys.includes(k) && typeof v === 'string' && v.length > 0 && v.length < 512);
  if (!ok) throw invalid;
  return decoded as Record<string, string>;
};
