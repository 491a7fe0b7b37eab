import { beforeAll, describe, expect, it } from 'vitest';
import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import type { ProductRepository } from '#catalog/app/ports';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#kernel/errors';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { signingKey } from '#runtime/signing';
import { aProduct } from '../../fixtures/products';
import { newId } from '#kernel/ids';
import { outboxOf } from '../../fixtures/outbox';
import { freshTables } from '../../support/dynamo';
import { defaultStoreSettings } from '#pricing/domain/index';

describe('product repository on DynamoDB Local', () => {
  let products: ProductRepository;
  let facts: ReturnType<typeof outboxOf>;
  // A second later at each call, so that the facts written come back in order.
  let seconds = 0;
  const clock = () => new Date(Date.UTC(2026, 10, 24, 10, 0, seconds++));

  beforeAll(async () => {
    const { db, names } = await freshTables();
    products = createProductRepository(db, names.domain, createCursorCodec(async () => signingKey('test-signing-key-0123456789')));
    facts = outboxOf(db, names.domain);
  });

  it('creates a physical product with no stock, and keeps the stock when details change', async () => {
    const created = await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'KEEP-1' }), 'c1');
    expect(created.available).toBe(0);
    await changeStock({ products, ids: newId, clock }, 'KEEP-1', { set: 7 }, 'c2');
    const updated = await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'KEEP-1', name: 'Renamed' }), 'c3');
    expect(updated).toMatchObject({ name: 'Renamed', available: 7 });
    const keep1 = (await facts()).filter((f) => JSON.stringify(f.data).includes('KEEP-1'));
    expect(keep1.map((e) => [e.name, (e.data as { created?: boolean }).created])).toEqual([
      ['ProductUpdated', true],
      ['StockChanged', undefined],
      ['ProductUpdated', false],
    ]);
  });

  it('never takes stock below zero, and says how many units there are', async () => {
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'NEG-1', reorderPoint: 0 }), 'c');
    await changeStock({ products, ids: newId, clock }, 'NEG-1', { delta: 3 }, 'c');
    const refused = (delta: number) => changeStock({ products, ids: newId, clock }, 'NEG-1', { delta }, 'c').then(() => undefined, (error: unknown) => error);
    const tooMany = await refused(-4);
    expect(tooMany).toBeInstanceOf(ConflictError);
    expect((tooMany as ConflictError).errors).toEqual([{ path: 'delta', message: 'must be at least -3: only 3 unit(s) left in stock' }]);
    expect((await products.get('NEG-1'))?.available).toBe(3);
    const result = await changeStock({ products, ids: newId, clock }, 'NEG-1', { delta: -3 }, 'c');
    expect(result).toEqual({ sku: 'NEG-1', available: 0 });
    // None left: no "at least -0", but that nothing can be removed.
    expect(((await refused(-1)) as ConflictError).errors).toEqual([{ path: 'delta', message: 'cannot remove a unit: no unit is left in stock' }]);
    const neg1 = (await facts()).filter((f) => f.name === 'StockChanged' && f.data.sku === 'NEG-1');
    expect(neg1.map(({ name, data }) => ({ name, data })).at(-1)).toEqual({
      name: 'StockChanged',
      data: { sku: 'NEG-1', previous: 3, available: 0, delta: -3, availableAsOf: 'change', reason: 'adjustment', low: true },
    });
  });

  it('refuses stock for an unknown or a digital product', async () => {
    await expect(changeStock({ products, ids: newId, clock }, 'NOPE-1', { delta: 1 }, 'c')).rejects.toThrow(NotFoundError);
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced' }), 'c');
    await expect(changeStock({ products, ids: newId, clock }, 'EBOOK-1', { set: 5 }, 'c')).rejects.toThrow(UnprocessableError);
    expect(await products.get('EBOOK-1')).not.toHaveProperty('available');
  });

  it('pages through a category with an opaque cursor, and refuses a forged one', async () => {
    for (const sku of ['BOOK-A', 'BOOK-B', 'BOOK-C']) {
      await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku, category: 'books' }), 'c');
    }
    const first = await products.list({ category: 'books', limit: 2 });
    expect(first.items.map((p) => p.sku)).toEqual(['BOOK-A', 'BOOK-B']);
    const second = await products.list({ category: 'books', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((p) => p.sku)).toEqual(['BOOK-C']);
    await expect(products.list({ limit: 2, cursor: 'bm90LWpzb24' })).rejects.toThrow(ValidationError);
    // A cursor is good only for the listing it came from: not for the whole catalog, nor another category.
    await expect(products.list({ limit: 2, cursor: first.nextCursor ?? undefined })).rejects.toThrow(ValidationError);
    await expect(products.list({ category: 'kitchen', limit: 2, cursor: first.nextCursor ?? undefined })).rejects.toThrow(ValidationError);
  });
});
