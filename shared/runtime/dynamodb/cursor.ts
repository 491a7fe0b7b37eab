import { ValidationError } from '#kernel/errors';
import type { SigningKeyOnFirstUse } from '../signing-on-first-use';

/**
 * What a cursor continues: one index and one partition of it (a customer's orders, one category
 * of products). A cursor is bound to it, so one customer's cursor is refused on another's
 * listing, and a product cursor on orders.
 */
export interface Listing {
  index: string;
  partition: string;
  /** The key attributes DynamoDB returns as LastEvaluatedKey for this index. */
  keys: readonly string[];
}

/** Pagination cursors made and checked with the server's key. */
export interface CursorCodec {
  /** The cursor of the next page after `lastKey`, or null at the end. */
  encode(listing: Listing, lastKey: Record<string, unknown> | undefined): Promise<string | null>;
  /** The key to start from, or a 400 naming `query.cursor` for any cursor this server did not issue for this listing. */
  decode(listing: Listing, cursor: string | undefined): Promise<Record<string, string> | undefined>;
}

/**
 * One page of a query asked for `limit + 1` items (`Limit: pageLimit(limit)`): the extra item
 * only says that another page exists. DynamoDB's own LastEvaluatedKey is set whenever a query
 * stops at its `Limit`, so a listing that ends on a page's last item would give a cursor to an
 * empty page. `lastKey` is set only when more items follow (or when DynamoDB stopped at its
 * 1 MB cap, its own key then).
 */
export const pageLimit = (limit: number) => limit + 1;
export const onePage = <T extends Record<string, unknown>>(listing: Listing, items: T[], limit: number, evaluatedKey: Record<string, unknown> | undefined) => {
  if (items.length <= limit) return { items, lastKey: evaluatedKey };
  const last = items[limit - 1] as T;
  return { items: items.slice(0, limit), lastKey: Object.fromEntries(listing.keys.map((name) => [name, last[name]])) };
};

const PURPOSE = 'cursor';
/** Longer values are no key of ours; refusing them early keeps DynamoDB from ever seeing them. */
const MAX_VALUE_LENGTH = 1024;

const refused = () =>
  new ValidationError('The cursor is not one this API gave out for this listing.', [{ path: 'query.cursor', message: 'is not a valid cursor' }]);

/**
 * Cursors are DynamoDB's LastEvaluatedKey followed by an HMAC of it and of the listing:
 * `<base64url(JSON key)>.<signature>`. Opaque to clients, and tamper-proof: a key a client made
 * up (pointing at an order, a cart, another customer's index entry) never reaches DynamoDB,
 * whose answer to a key of the wrong shape would be a 500. The key itself is not secret: it
 * holds what the page already showed.
 *
 * The key is asked for (`signingKeyOnFirstUse`: from Secrets Manager in AWS) by the first cursor
 * to make or check: a listing that fits in one page, and every other request, need none.
 */
export const createCursorCodec = (signing: SigningKeyOnFirstUse): CursorCodec => {
  const signed = (listing: Listing, payload: string) => JSON.stringify([listing.index, listing.partition, payload]);
  return {
    async encode(listing, lastKey) {
      if (!lastKey) return null;
      const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
      return `${payload}.${(await signing()).sign(PURPOSE, signed(listing, payload))}`;
    },

    async decode(listing, cursor) {
      if (cursor === undefined) return undefined;
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || rest.length > 0 || !(await signing()).verify(PURPOSE, signed(listing, payload), signature)) throw refused();
      // Signed by us, so well formed; checked all the same, in case the key's shape ever changes.
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw refused();
      }
      if (typeof key !== 'object' || key === null || Array.isArray(key)) throw refused();
      const entries = Object.entries(key);
      const wellFormed =
        entries.length === listing.keys.length &&
        entries.every(([name, value]) => listing.keys.includes(name) && typeof value === 'string' && value.length > 0 && value.length <= MAX_VALUE_LENGTH);
      if (!wellFormed) throw refused();
      return key as Record<string, string>;
    },
  };
};
