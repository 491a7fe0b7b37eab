import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { productKey } from '#catalog/adapters/keys';
import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import type { ProductRepository } from '#catalog/app/ports';
import { reserveStock, restockUnits } from '#catalog/index';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { signingKey } from '#runtime/signing';
import { aProduct } from '../../fixtures/products';
import { newId } from '#kernel/ids';
import { outboxOf } from '../../fixtures/outbox';
import { freshTables } from '../../support/dynamo';
import { defaultStoreSettings } from '#pricing/domain/index';

describe('product repository on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let products: ProductRepository;
  let facts: ReturnType<typeof outboxOf>;
  // A second later at each call, so that the facts written come back in order.
  let seconds = 0;
  const clock = () => new Date(Date.UTC(2026, 10, 24, 10, 0, seconds++));

  beforeAll(async () => {
    const { db: client, names } = await freshTables();
    db = client;
    table = names.domain;
    products = createProductRepository(db, table, createCursorCodec(async () => signingKey('test-signing-key-0123456789')));
    facts = outboxOf(db, table);
  });

  const save = (details: Parameters<typeof aProduct>[0]) => saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct(details), 'c');
  /** The ConflictError a save throws (or the product it saved, which the test then sees is wrong). */
  const refusedSave = (details: Parameters<typeof aProduct>[0]) => save(details).catch((error: unknown) => error);
  /** The product's item as stored, every attribute. */
  const stored = async (sku: string) => (await db.send(new GetCommand({ TableName: table, Key: productKey(sku), ConsistentRead: true }))).Item;

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

  it('states no fact when a count is set to what it already was', async () => {
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'SAME-1' }), 'c');
    await changeStock({ products, ids: newId, clock }, 'SAME-1', { set: 4 }, 'c');
    expect(await changeStock({ products, ids: newId, clock }, 'SAME-1', { set: 4 }, 'c')).toEqual({ sku: 'SAME-1', available: 4 });
    const same1 = (await facts()).filter((f) => f.name === 'StockChanged' && (f.data as { sku: string }).sku === 'SAME-1');
    expect(same1.map((f) => (f.data as { delta: number }).delta)).toEqual([4]);
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

  it('never counts more than 1,000,000 units: a delta past it is a 409 saying how many may still be added, nothing written', async () => {
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'MAX-1' }), 'c');
    await changeStock({ products, ids: newId, clock }, 'MAX-1', { set: 999_990 }, 'c');
    const refused = await changeStock({ products, ids: newId, clock }, 'MAX-1', { delta: 11 }, 'c').then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).errors).toEqual([{ path: 'delta', message: 'must be at most 10: a stock counts at most 1000000 units' }]);
    expect((await products.get('MAX-1'))?.available).toBe(999_990);
    expect(await changeStock({ products, ids: newId, clock }, 'MAX-1', { delta: 10 }, 'c')).toEqual({ sku: 'MAX-1', available: 1_000_000 });
  });

  it('above the cap (units returned or cancelled go back whatever the count): units are taken off, none added, and the product read back saves as it is', async () => {
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'MAX-2' }), 'c');
    await changeStock({ products, ids: newId, clock }, 'MAX-2', { set: 1_000_000 }, 'c');
    await db.send(new TransactWriteCommand({ TransactItems: [restockUnits(table, 'MAX-2', 3)] })); // a return received
    const refused = await changeStock({ products, ids: newId, clock }, 'MAX-2', { delta: 1 }, 'c').then(() => undefined, (error: unknown) => error);
    expect((refused as ConflictError).errors).toEqual([{ path: 'delta', message: 'cannot add a unit: a stock counts at most 1000000 units' }]);
    expect(await changeStock({ products, ids: newId, clock }, 'MAX-2', { delta: -1 }, 'c')).toEqual({ sku: 'MAX-2', available: 1_000_002 });
    const read = (await products.get('MAX-2'))!;
    const saved = await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, { ...read, reorderPoint: undefined }, 'c');
    expect(saved.available).toBe(1_000_002);
    const tooMany = await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'MAX-3', available: 1_000_001 }), 'c').then(() => undefined, (error: unknown) => error);
    expect(tooMany).toBeInstanceOf(UnprocessableError);
    expect((tooMany as UnprocessableError).errors).toEqual([{ path: 'available', message: 'must be at most 1000000' }]);
  });

  it('refuses stock for an unknown or a digital product', async () => {
    await expect(changeStock({ products, ids: newId, clock }, 'NOPE-1', { delta: 1 }, 'c')).rejects.toThrow(NotFoundError);
    await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku: 'EBOOK-1', type: 'digital', taxCategory: 'reduced' }), 'c');
    await expect(changeStock({ products, ids: newId, clock }, 'EBOOK-1', { set: 5 }, 'c')).rejects.toThrow(UnprocessableError);
    expect(await products.get('EBOOK-1')).not.toHaveProperty('available');
  });

  it('refuses to set the stock of an existing product: a copy read before a sale would sell its units again (409 naming `available`, nothing written, no fact)', async () => {
    await save({ sku: 'SOLD-1', available: 1 });
    // Checkout takes the unit.
    await db.send(new TransactWriteCommand({ TransactItems: [reserveStock(table, 'SOLD-1', 1, aProduct().price)] }));
    const [item, written] = [await stored('SOLD-1'), (await facts()).length];
    const refused = await refusedSave({ sku: 'SOLD-1', available: 1 });
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).errors).toEqual([
      { path: 'available', message: 'must be 0, the units in stock now, or left out: change the stock with POST /admin/products/{sku}/stock' },
    ]);
    expect((refused as ConflictError).message).toContain('SOLD-1 has 0 unit(s) in stock, not 1');
    expect(await stored('SOLD-1')).toEqual(item);
    expect(await facts()).toHaveLength(written);
    // The count it has is no change: saved, and no StockChanged.
    expect(await save({ sku: 'SOLD-1', name: 'Renamed', available: 0 })).toMatchObject({ name: 'Renamed', available: 0 });
    expect((await facts()).slice(written).map((f) => f.name)).toEqual(['ProductUpdated']);
  });

  it('never changes the type of a product, either way (409 naming `type`), and writes nothing', async () => {
    await save({ sku: 'TYPE-P', available: 3, reorderPoint: 1 });
    await save({ sku: 'TYPE-D', type: 'digital' });
    const items = [await stored('TYPE-P'), await stored('TYPE-D')];
    const written = (await facts()).length;
    const toDigital = await refusedSave({ sku: 'TYPE-P', type: 'digital' });
    expect(toDigital).toBeInstanceOf(ConflictError);
    expect((toDigital as ConflictError).errors).toEqual([{ path: 'type', message: "must be physical, the product's type: a digital product needs another sku" }]);
    const toPhysical = await refusedSave({ sku: 'TYPE-D', type: 'physical' });
    expect(toPhysical).toBeInstanceOf(ConflictError);
    expect((toPhysical as ConflictError).errors.map((e) => e.path)).toEqual(['type']);
    expect([await stored('TYPE-P'), await stored('TYPE-D')]).toEqual(items);
    expect(await facts()).toHaveLength(written);
  });

  it('keeps the reorder point a save leaves out, sets the one it sends, and removes it on `null`', async () => {
    await save({ sku: 'POINT-1', reorderPoint: 4 });
    expect(await save({ sku: 'POINT-1', name: 'Renamed' })).toMatchObject({ name: 'Renamed', reorderPoint: 4 });
    expect(await stored('POINT-1')).toMatchObject({ reorderPoint: 4 });
    expect(await save({ sku: 'POINT-1', reorderPoint: 6 })).toMatchObject({ reorderPoint: 6 });
    expect(await save({ sku: 'POINT-1', reorderPoint: null })).not.toHaveProperty('reorderPoint');
    expect(await stored('POINT-1')).not.toHaveProperty('reorderPoint');
    // Created without one: none, and `null` on a digital product is none either.
    expect(await save({ sku: 'POINT-2' })).not.toHaveProperty('reorderPoint');
    expect(await save({ sku: 'POINT-3', type: 'digital', reorderPoint: null })).not.toHaveProperty('reorderPoint');
    expect(await stored('POINT-3')).not.toHaveProperty('reorderPoint');
  });

  it('pages through a category with an opaque cursor, and refuses a forged one', async () => {
    for (const sku of ['BOOK-A', 'BOOK-B', 'BOOK-C']) {
      await saveProduct({ products, ids: newId, clock, settings: defaultStoreSettings }, aProduct({ sku, category: 'books' }), 'c');
    }
    const first = await products.list({ category: 'books', limit: 2 });
    expect(first.items.map((p) => p.sku)).toEqual(['BOOK-A', 'BOOK-B']);
    const second = await products.list({ category: 'books', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((p) => p.sku)).toEqual(['BOOK-C']);
    expect(second.nextCursor).toBeNull();
    // A listing that ends on a page's last item gives no cursor to an empty page.
    const whole = await products.list({ category: 'books', limit: 3 });
    expect(whole.items.map((p) => p.sku)).toEqual(['BOOK-A', 'BOOK-B', 'BOOK-C']);
    expect(whole.nextCursor).toBeNull();
    const last = await products.list({ category: 'books', limit: 1, cursor: (await products.list({ category: 'books', limit: 2 })).nextCursor ?? undefined });
    expect([last.items.map((p) => p.sku), last.nextCursor]).toEqual([['BOOK-C'], null]);
    await expect(products.list({ limit: 2, cursor: 'bm90LWpzb24' })).rejects.toThrow(ValidationError);
    // A cursor is good only for the listing it came from: not for the whole catalog, nor another category.
    await expect(products.list({ limit: 2, cursor: first.nextCursor ?? undefined })).rejects.toThrow(ValidationError);
    await expect(products.list({ category: 'kitchen', limit: 2, cursor: first.nextCursor ?? undefined })).rejects.toThrow(ValidationError);
  });
});
