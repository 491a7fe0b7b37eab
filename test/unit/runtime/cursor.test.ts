import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import { createCursorCodec, type Listing } from '#runtime/dynamodb/cursor';
import { signingKey } from '#runtime/signing';

const codec = createCursorCodec(async () => signingKey('unit-test-signing-key-0123'));
const keys = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
const alice: Listing = { index: 'GSI1', partition: 'CUSTOMER#alice', keys };
const bob: Listing = { index: 'GSI1', partition: 'CUSTOMER#bob', keys };
const catalog: Listing = { index: 'GSI1', partition: 'CATALOG', keys };
const books: Listing = { index: 'GSI2', partition: 'CATEGORY#books', keys: ['PK', 'SK', 'GSI2PK', 'GSI2SK'] };
const aliceKey = { PK: 'ORDER#o-1', SK: 'ORDER', GSI1PK: 'CUSTOMER#alice', GSI1SK: '2026-11-24T10:00:00.000Z#o-1' };

/** The error a refused cursor must be: a 400 naming `query.cursor`, never anything else. */
const refusal = async (decode: () => Promise<unknown>) => {
  try {
    await decode();
  } catch (error) {
    return error instanceof ValidationError ? error.errors : error;
  }
  return 'accepted';
};
const refused = [{ path: 'query.cursor', message: 'is not a valid cursor' }];

describe('pagination cursors', () => {
  it('gives back the key it was made from, for the listing it was made for', async () => {
    const cursor = await codec.encode(alice, aliceKey);
    expect(cursor).toEqual(expect.any(String));
    expect(await codec.decode(alice, cursor!)).toEqual(aliceKey);
  });

  it('has no cursor after the last page, and starts from the top without one', async () => {
    expect(await codec.encode(alice, undefined)).toBeNull();
    expect(await codec.decode(alice, undefined)).toBeUndefined();
  });

  it('asks for the key only for a cursor to make or check: a listing of one page reads none', async () => {
    let asked = 0;
    const counting = createCursorCodec(async () => (asked++, signingKey('unit-test-signing-key-0123')));
    await counting.decode(alice, undefined);
    await counting.encode(alice, undefined);
    expect(asked).toBe(0);
    const cursor = await counting.encode(alice, aliceKey);
    expect(await counting.decode(alice, cursor!)).toEqual(aliceKey);
    expect(asked).toBe(2);
  });

  it("refuses one customer's cursor on another customer's orders, and a product cursor on orders", async () => {
    const aliceCursor = (await codec.encode(alice, aliceKey))!;
    expect(await refusal(() => codec.decode(bob, aliceCursor))).toEqual(refused);
    const productCursor = (await codec.encode(catalog, { PK: 'PRODUCT#MUG', SK: 'PRODUCT', GSI1PK: 'CATALOG', GSI1SK: 'MUG' }))!;
    expect(await refusal(() => codec.decode(alice, productCursor))).toEqual(refused);
    expect(await refusal(() => codec.decode(books, productCursor))).toEqual(refused);
  });

  it('refuses a bare base64 key, as the API used to issue, pointing at an order or a cart', async () => {
    for (const key of [aliceKey, { PK: 'CART#c-1', SK: 'CART', GSI1PK: 'CATALOG', GSI1SK: 'x' }]) {
      const forged = Buffer.from(JSON.stringify(key)).toString('base64url');
      expect(await refusal(() => codec.decode(catalog, forged))).toEqual(refused);
    }
  });

  it('refuses a cursor whose key was changed, even keeping its signature', async () => {
    const [, signature] = (await codec.encode(alice, aliceKey))!.split('.');
    const bobKey = { ...aliceKey, GSI1PK: 'CUSTOMER#bob' };
    const tampered = `${Buffer.from(JSON.stringify(bobKey)).toString('base64url')}.${signature}`;
    expect(await refusal(() => codec.decode(alice, tampered))).toEqual(refused);
    expect(await refusal(() => codec.decode(bob, tampered))).toEqual(refused);
  });

  it('refuses a cursor signed with another key', async () => {
    const elsewhere = (await createCursorCodec(async () => signingKey('another-deployment-key-0123')).encode(alice, aliceKey))!;
    expect(await refusal(() => codec.decode(alice, elsewhere))).toEqual(refused);
  });

  it('refuses a signed key of the wrong shape for the listing', async () => {
    const short = (await codec.encode(alice, { PK: 'ORDER#o-1', SK: 'ORDER' }))!;
    expect(await refusal(() => codec.decode(alice, short))).toEqual(refused);
    const numeric = (await codec.encode(alice, { ...aliceKey, SK: 7 }))!;
    expect(await refusal(() => codec.decode(alice, numeric))).toEqual(refused);
  });

  it('answers any string it did not issue with the same 400, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (cursor) => {
        expect(await refusal(() => codec.decode(alice, cursor))).toEqual(refused);
      }),
      { numRuns: 500 },
    );
  });
});
