import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import { createCursorCodec, type Listing } from '#runtime/dynamodb/cursor';
import { signingKey } from '#runtime/signing';

const codec = createCursorCodec(signingKey('unit-test-signing-key-0123'));
const keys = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
const alice: Listing = { index: 'GSI1', partition: 'CUSTOMER#alice', keys };
const bob: Listing = { index: 'GSI1', partition: 'CUSTOMER#bob', keys };
const catalog: Listing = { index: 'GSI1', partition: 'CATALOG', keys };
const books: Listing = { index: 'GSI2', partition: 'CATEGORY#books', keys: ['PK', 'SK', 'GSI2PK', 'GSI2SK'] };
const aliceKey = { PK: 'ORDER#o-1', SK: 'ORDER', GSI1PK: 'CUSTOMER#alice', GSI1SK: '2026-11-24T10:00:00.000Z#o-1' };

/** The error a refused cursor must be: a 400 naming `query.cursor`, never anything else. */
const refusal = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    return error instanceof ValidationError ? error.errors : error;
  }
  return 'accepted';
};
const refused = [{ path: 'query.cursor', message: 'is not a valid cursor' }];

describe('pagination cursors', () => {
  it('gives back the key it was made from, for the listing it was made for', () => {
    const cursor = codec.encode(alice, aliceKey);
    expect(cursor).toEqual(expect.any(String));
    expect(codec.decode(alice, cursor!)).toEqual(aliceKey);
  });

  it('has no cursor after the last page, and starts from the top without one', () => {
    expect(codec.encode(alice, undefined)).toBeNull();
    expect(codec.decode(alice, undefined)).toBeUndefined();
  });

  it("refuses one customer's cursor on another customer's orders, and a product cursor on orders", () => {
    const aliceCursor = codec.encode(alice, aliceKey)!;
    expect(refusal(() => codec.decode(bob, aliceCursor))).toEqual(refused);
    const productCursor = codec.encode(catalog, { PK: 'PRODUCT#MUG', SK: 'PRODUCT', GSI1PK: 'CATALOG', GSI1SK: 'MUG' })!;
    expect(refusal(() => codec.decode(alice, productCursor))).toEqual(refused);
    expect(refusal(() => codec.decode(books, productCursor))).toEqual(refused);
  });

  it('refuses a bare base64 key, as the API used to issue, pointing at an order or a cart', () => {
    for (const key of [aliceKey, { PK: 'CART#c-1', SK: 'CART', GSI1PK: 'CATALOG', GSI1SK: 'x' }]) {
      const forged = Buffer.from(JSON.stringify(key)).toString('base64url');
      expect(refusal(() => codec.decode(catalog, forged))).toEqual(refused);
    }
  });

  it('refuses a cursor whose key was changed, even keeping its signature', () => {
    const [, signature] = codec.encode(alice, aliceKey)!.split('.');
    const bobKey = { ...aliceKey, GSI1PK: 'CUSTOMER#bob' };
    const tampered = `${Buffer.from(JSON.stringify(bobKey)).toString('base64url')}.${signature}`;
    expect(refusal(() => codec.decode(alice, tampered))).toEqual(refused);
    expect(refusal(() => codec.decode(bob, tampered))).toEqual(refused);
  });

  it('refuses a cursor signed with another key', () => {
    const elsewhere = createCursorCodec(signingKey('another-deployment-key-0123')).encode(alice, aliceKey)!;
    expect(refusal(() => codec.decode(alice, elsewhere))).toEqual(refused);
  });

  it('refuses a signed key of the wrong shape for the listing', () => {
    const short = codec.encode(alice, { PK: 'ORDER#o-1', SK: 'ORDER' })!;
    expect(refusal(() => codec.decode(alice, short))).toEqual(refused);
    const numeric = codec.encode(alice, { ...aliceKey, SK: 7 })!;
    expect(refusal(() => codec.decode(alice, numeric))).toEqual(refused);
  });

  it('answers any string it did not issue with the same 400, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (cursor) => {
        expect(refusal(() => codec.decode(alice, cursor))).toEqual(refused);
      }),
      { numRuns: 500 },
    );
  });
});
