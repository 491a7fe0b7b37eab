import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createStockAlerts } from '#catalog/adapters/stock-alerts';
import { changeStock } from '#catalog/app/change-stock';
import { releasedByCancellation, reportOrderStock } from '#catalog/app/report-order-stock';
import { saveProduct } from '#catalog/app/save-product';
import { reserveStock } from '#catalog/index';
import { newId } from '#kernel/ids';
import { outboxOf } from '../../fixtures/outbox';
import { aProduct } from '../../fixtures/products';
import { commandsSentBy, freshTables } from '../../support/dynamo';
import { defaultStoreSettings } from '#pricing/domain/index';

describe('the inventory worker on DynamoDB Local', () => {
  const setUp = async () => {
    const { db, names } = await freshTables();
    let seconds = 0;
    const clock = () => new Date(Date.UTC(2026, 10, 24, 10, 0, seconds++));
    const products = createProductRepository(db, names.domain);
    const deps = { products, ids: newId, clock, settings: defaultStoreSettings };
    await saveProduct(deps, aProduct({ sku: 'LAMP-1', reorderPoint: 5 }), 'c');
    await changeStock(deps, 'LAMP-1', { set: 4 }, 'c'); // as after an order took 2 of 6
    await saveProduct(deps, aProduct({ sku: 'BOWL-1' }), 'c');
    await changeStock(deps, 'BOWL-1', { set: 40 }, 'c');
    await saveProduct(deps, aProduct({ sku: 'EBOOK-1', type: 'digital' }), 'c');
    const facts = outboxOf(db, names.domain);
    const stockFacts = async () => (await facts()).filter((f) => f.name === 'StockChanged' && f.data.reason !== 'adjustment').map(({ name, data }) => ({ name, data })).sort((a, b) => String(a.data.sku).localeCompare(String(b.data.sku)));
    const stockLows = async () => (await facts()).filter((f) => f.name === 'StockLow').map(({ data }) => data);
    return { ids: newId, clock, stock: createStockAlerts(db, names.domain, clock), stockFacts, stockLows };
  };
  const items = [
    { sku: 'LAMP-1', type: 'physical', quantity: 2 },
    { sku: 'BOWL-1', type: 'physical', quantity: 1 },
    { sku: 'EBOOK-1', type: 'digital', quantity: 1 },
  ];

  it('reports the stock a placed order took, flags it low at its reorder point, once per event, and skips digital goods', async () => {
    const deps = await setUp();
    const placed = { eventId: 'evt-placed-1', reason: 'order_placed' as const, items };
    // Two StockChanged, and the StockLow of the lamp (4 left, reorder point 5); the bowl has no reorder point.
    expect(await reportOrderStock(deps, placed, 'c')).toBe(3);
    expect(await deps.stockLows()).toEqual([{ sku: 'LAMP-1', name: 'Enamel mug', available: 4, reorderPoint: 5, availableAsOf: 'report' }]);
    expect(await deps.stockFacts()).toEqual([
      { name: 'StockChanged', data: { sku: 'BOWL-1', previous: 41, available: 40, delta: -1, availableAsOf: 'report', reason: 'order_placed', low: false } },
      { name: 'StockChanged', data: { sku: 'LAMP-1', previous: 6, available: 4, delta: -2, availableAsOf: 'report', reason: 'order_placed', low: true } },
    ]);
    // The same OrderPlaced delivered again, or twice at once, writes nothing more.
    expect(await Promise.all([reportOrderStock(deps, placed, 'c'), reportOrderStock(deps, placed, 'c')])).toEqual([0, 0]);
    expect(await deps.stockFacts()).toHaveLength(2);
    expect(await deps.stockLows()).toHaveLength(1);
  });

  it('says exactly what each of 5 concurrent sales took, and names the stock it carries as read when reported', async () => {
    const { db, names } = await freshTables();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    const deps = { products: createProductRepository(db, names.domain), ids: newId, clock, settings: defaultStoreSettings };
    await saveProduct(deps, aProduct({ sku: 'JUG-5', reorderPoint: 2 }), 'c');
    await changeStock(deps, 'JUG-5', { set: 5 }, 'c');
    // Five checkouts take a unit each (their transaction returns no count); the worker hears of them after.
    await Promise.all(Array.from({ length: 5 }, () => db.send(new TransactWriteCommand({ TransactItems: [reserveStock(names.domain, 'JUG-5', 1, aProduct().price)] }))));
    const worker = { ids: newId, clock, stock: createStockAlerts(db, names.domain, clock) };
    const sales = Array.from({ length: 5 }, (_, i) => ({ eventId: `evt-jug-${i}`, reason: 'order_placed' as const, items: [{ sku: 'JUG-5', type: 'physical', quantity: 1 }] }));
    await Promise.all(sales.map((sale) => reportOrderStock(worker, sale, 'c')));
    const facts = (await outboxOf(db, names.domain)()).filter((f) => f.data.sku === 'JUG-5');
    const sold = facts.filter((f) => f.name === 'StockChanged' && f.data.reason === 'order_placed').map((f) => f.data);
    // Exact: one unit each, 5 in all from the 5 counted. What was read is said to be a read, and previous is only available - delta.
    expect(sold.map((d) => d.delta)).toEqual([-1, -1, -1, -1, -1]);
    expect(sold.every((d) => d.availableAsOf === 'report' && d.previous === Number(d.available) - Number(d.delta))).toBe(true);
    const start = facts.find((f) => f.name === 'StockChanged' && f.data.reason === 'adjustment')?.data;
    expect(start).toMatchObject({ available: 5, availableAsOf: 'change' });
    expect(Number(start?.available) + sold.reduce((sum, d) => sum + Number(d.delta), 0)).toBe((await deps.products.get('JUG-5'))?.available);
    expect(facts.filter((f) => f.name === 'StockLow').map((f) => f.data)).toEqual([{ sku: 'JUG-5', name: 'Enamel mug', available: expect.any(Number), reorderPoint: 2, availableAsOf: 'report' }]);
  });

  it('reads the stock of all the order\'s products in one request, before its one write', async () => {
    const { db, names } = await freshTables();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    const deps = { products: createProductRepository(db, names.domain), ids: newId, clock, settings: defaultStoreSettings };
    const skus = Array.from({ length: 50 }, (_, i) => `MUG-${i}`);
    for (const sku of skus) {
      await saveProduct(deps, aProduct({ sku }), 'c');
      await changeStock(deps, sku, { set: 40 }, 'c');
    }
    const sent = commandsSentBy(db);
    // An order of 50 lines, the most a cart holds, and a digital one, which has no stock.
    const lines = [...skus.map((sku) => ({ sku, type: 'physical', quantity: 1 })), { sku: 'EBOOK-1', type: 'digital', quantity: 1 }];
    const placed = { eventId: 'evt-placed-50', reason: 'order_placed' as const, items: lines };
    expect(await reportOrderStock({ ids: newId, clock, stock: createStockAlerts(db, names.domain, clock) }, placed, 'c')).toBe(50);
    expect(sent).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
    const changed = (await outboxOf(db, names.domain)()).filter((f) => f.name === 'StockChanged' && f.data.reason === 'order_placed');
    expect(changed.map((f) => f.data.sku).sort()).toEqual([...skus].sort());
    expect(new Set(changed.map((f) => f.data.available))).toEqual(new Set([40]));
  });

  it('reports the stock a cancelled order gave back, once, even when two copies arrive together', async () => {
    const deps = await setUp();
    const cancelled = { eventId: 'evt-cancelled-1', reason: 'order_cancelled' as const, orderId: 'order-cancelled-1', items };
    const written = await Promise.all([reportOrderStock(deps, cancelled, 'c'), reportOrderStock(deps, cancelled, 'c')]);
    expect(written.sort()).toEqual([0, 2]);
    // Each names the order whose units came back, for a stock ledger.
    expect(await deps.stockFacts()).toEqual([
      { name: 'StockChanged', data: { sku: 'BOWL-1', previous: 39, available: 40, delta: 1, availableAsOf: 'report', reason: 'order_cancelled', orderId: 'order-cancelled-1', low: false } },
      { name: 'StockChanged', data: { sku: 'LAMP-1', previous: 2, available: 4, delta: 2, availableAsOf: 'report', reason: 'order_cancelled', orderId: 'order-cancelled-1', low: true } },
    ]);
    // Stock coming back is no sale: it never tells the shop, even at the reorder point.
    expect(await deps.stockLows()).toEqual([]);
  });

  it('reports only what a partly shipped order\'s cancellation gave back (its cancelledItems), and a whole order for an OrderCancelled published before them', async () => {
    const deps = await setUp();
    // 2 lamps, a bowl and an e-book bought; 1 lamp and the bowl shipped: the other lamp is cancelled.
    const partly = { eventId: 'evt-cancelled-rest', reason: 'order_cancelled' as const, items: releasedByCancellation(items, [{ sku: 'LAMP-1', quantity: 1 }]) };
    expect(await reportOrderStock(deps, partly, 'c')).toBe(1);
    expect(await deps.stockFacts()).toEqual([
      { name: 'StockChanged', data: { sku: 'LAMP-1', previous: 3, available: 4, delta: 1, availableAsOf: 'report', reason: 'order_cancelled', low: true } },
    ]);
    // A void order lists every line, its e-book too, which has no stock.
    expect(releasedByCancellation(items, items.map(({ sku, quantity }) => ({ sku, quantity })))).toEqual(items);
    expect(releasedByCancellation(items, undefined)).toEqual(items);
  });

  it('writes a sale that crosses no reorder point as one plain Put: its claim, carrying its StockChanged facts', async () => {
    const { db, names } = await freshTables();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    const deps = { products: createProductRepository(db, names.domain), ids: newId, clock, settings: defaultStoreSettings };
    await saveProduct(deps, aProduct({ sku: 'BOWL-1' }), 'c');
    await changeStock(deps, 'BOWL-1', { set: 40 }, 'c');
    const sent = commandsSentBy(db);
    const placed = { eventId: 'evt-placed-put', reason: 'order_placed' as const, items: [{ sku: 'BOWL-1', type: 'physical', quantity: 1 }] };
    expect(await reportOrderStock({ ids: newId, clock, stock: createStockAlerts(db, names.domain, clock) }, placed, 'c')).toBe(1);
    expect(sent).toEqual(['BatchGetItemCommand', 'PutItemCommand']);
    expect((await outboxOf(db, names.domain)()).filter((f) => f.name === 'StockChanged' && f.data.reason === 'order_placed')).toEqual([
      { name: 'StockChanged', eventId: expect.any(String), data: { sku: 'BOWL-1', previous: 41, available: 40, delta: -1, availableAsOf: 'report', reason: 'order_placed', low: false } },
    ]);
  });
});
