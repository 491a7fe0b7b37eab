import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { productKey } from '#catalog/adapters/keys';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createStockAlerts } from '#catalog/adapters/stock-alerts';
import { createStockLevels } from '#catalog/adapters/stock-levels';
import { changeStock } from '#catalog/app/change-stock';
import { listStock } from '#catalog/app/list-stock';
import { reportOrderStock, type OrderStockMove } from '#catalog/app/report-order-stock';
import { saveProduct } from '#catalog/app/save-product';
import { releaseStock, reserveStock } from '#catalog/index';
import { ConflictError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import { createStockReservations, transitionOrder } from '#ordering/index';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { aPendingOrderOf, putOrders } from '../../fixtures/orders';
import { outboxOf } from '../../fixtures/outbox';
import { aProduct } from '../../fixtures/products';
import { freshTables } from '../../support/dynamo';
import { defaultStoreSettings } from '#pricing/domain/index';

describe('StockLow, once per crossing of the reorder point, on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let facts: ReturnType<typeof outboxOf>;
  const clock = () => new Date();
  let deps: { products: ReturnType<typeof createProductRepository>; ids: () => string; clock: () => Date; settings: typeof defaultStoreSettings };
  let inventory: Parameters<typeof reportOrderStock>[0];
  const price = aProduct().price;

  beforeAll(async () => {
    ({ db, names: { domain: table } } = await freshTables());
    facts = outboxOf(db, table);
    deps = { products: createProductRepository(db, table), ids: newId, clock, settings: defaultStoreSettings };
    inventory = { stock: createStockAlerts(db, table, clock), ids: newId, clock };
  });

  const product = async (sku: string, stock: number, reorderPoint?: number) => {
    await saveProduct(deps, aProduct({ sku, ...(reorderPoint !== undefined && { reorderPoint }) }), 'c');
    await changeStock(deps, sku, { set: stock }, 'c');
  };
  /** What checkout does: takes the units in its transaction. The inventory worker hears of it later. */
  const reserve = (sku: string, quantity: number) => db.send(new TransactWriteCommand({ TransactItems: [reserveStock(table, sku, quantity, price)] }));
  const release = (sku: string, quantity: number) => db.send(new TransactWriteCommand({ TransactItems: [releaseStock(table, sku, quantity)] }));
  const placed = (sku: string, quantity: number, eventId = newId()): OrderStockMove => ({ eventId, reason: 'order_placed', items: [{ sku, type: 'physical', quantity }] });
  const cancelled = (sku: string, quantity: number): OrderStockMove => ({ eventId: newId(), reason: 'order_cancelled', items: [{ sku, type: 'physical', quantity }] });
  const report = (move: OrderStockMove) => reportOrderStock(inventory, move, 'c');
  const sell = async (sku: string, quantity: number) => {
    await reserve(sku, quantity);
    return report(placed(sku, quantity));
  };
  const stockLows = async (sku: string) => (await facts()).filter((f) => f.name === 'StockLow' && f.data.sku === sku).map((f) => f.data);
  const stockChanges = async (sku: string) => (await facts()).filter((f) => f.name === 'StockChanged' && f.data.sku === sku && f.data.reason !== 'adjustment');

  it('publishes exactly one StockLow when 20 concurrent sales all see the stock at or below the reorder point', async () => {
    await product('KETTLE-20', 25, 10);
    // Twenty orders took a unit each; their twenty OrderPlaced reach the worker at once, each
    // delivered twice: every copy reads 5 left (reorder point 10), none yet alerted.
    for (let i = 0; i < 20; i++) await reserve('KETTLE-20', 1);
    const moves = Array.from({ length: 20 }, () => placed('KETTLE-20', 1));
    const written = await Promise.all([...moves, ...moves].map(report));
    expect(written.filter((n) => n > 0)).toHaveLength(20);
    expect(await stockLows('KETTLE-20')).toEqual([{ sku: 'KETTLE-20', name: 'Enamel mug', available: 5, reorderPoint: 10, availableAsOf: 'report' }]);
    expect(await stockChanges('KETTLE-20')).toHaveLength(20);
  });

  it('publishes one StockLow when concurrent sales cross the point as they happen, none for further sales, and one again after a restock above', async () => {
    await product('KETTLE-X', 25, 10);
    const first = await Promise.all(Array.from({ length: 20 }, () => sell('KETTLE-X', 1)));
    expect(first.every((n) => n > 0)).toBe(true);
    const [alert] = await stockLows('KETTLE-X');
    expect(await stockLows('KETTLE-X')).toHaveLength(1);
    // Whoever crossed it read a count at or below the reorder point, and no lower than what is left.
    expect(alert).toMatchObject({ sku: 'KETTLE-X', reorderPoint: 10 });
    expect(Number(alert!.available)).toBeGreaterThanOrEqual(5);
    expect(Number(alert!.available)).toBeLessThanOrEqual(10);
    // Further sales below the point: still low, never a second alert.
    await Promise.all([sell('KETTLE-X', 1), sell('KETTLE-X', 2)]);
    expect(await stockLows('KETTLE-X')).toHaveLength(1);
    expect((await stockChanges('KETTLE-X')).at(-1)?.data).toMatchObject({ low: true });
    // The admin restocks above the point (re-armed), then sales cross it again: one more.
    await changeStock(deps, 'KETTLE-X', { delta: 20 }, 'c'); // 2 + 20 = 22
    await Promise.all(Array.from({ length: 6 }, () => sell('KETTLE-X', 2))); // 22 - 12 = 10
    expect((await deps.products.get('KETTLE-X'))?.available).toBe(10);
    expect(await stockLows('KETTLE-X')).toHaveLength(2);
  });

  it('re-arms when a cancelled order brings the stock back above the point, and never alerts on a cancellation', async () => {
    await product('LAMP-C', 4, 3);
    expect(await sell('LAMP-C', 2)).toBe(2); // 2 left: StockChanged and StockLow
    await release('LAMP-C', 2); // the order expires: 4 again, above 3
    expect(await report(cancelled('LAMP-C', 2))).toBe(1);
    expect(await stockLows('LAMP-C')).toHaveLength(1);
    expect(await sell('LAMP-C', 1)).toBe(2); // 3 left: at the point again, a new crossing
    expect(await stockLows('LAMP-C')).toHaveLength(2);
    // Cancelling back to 3 (still at the point) neither alerts nor re-arms.
    await sell('LAMP-C', 1); // 2 left, already alerted
    await release('LAMP-C', 1);
    expect(await report(cancelled('LAMP-C', 1))).toBe(1);
    expect(await sell('LAMP-C', 1)).toBe(1); // 2 left, no new alert
    expect(await stockLows('LAMP-C')).toHaveLength(2);
  });

  it('re-arms when the admin lowers the reorder point under the stock, and tells the shop at once when the admin raises it over the stock', async () => {
    await product('VASE-R', 6, 5);
    await sell('VASE-R', 2); // 4 left: alerted
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 3 }), 'c'); // 4 > 3: re-armed
    await sell('VASE-R', 1); // 3 left: a new crossing
    expect((await stockLows('VASE-R')).map((a) => [a.available, a.reorderPoint])).toEqual([[4, 5], [3, 3]]);
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 1 }), 'c'); // 3 > 1: re-armed
    // Raised over the 3 units: a crossing without a sale, told now, in the transaction of ProductUpdated.
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 8 }), 'c');
    expect((await stockLows('VASE-R')).at(-1)).toEqual({ sku: 'VASE-R', name: 'Enamel mug', available: 3, reorderPoint: 8, availableAsOf: 'change' });
    expect((await db.send(new GetCommand({ TableName: table, Key: productKey('VASE-R') }))).Item?.lowStockAlerted).toBe(true);
    // Moved again while the stock stays under it, saved again, or sold from: the same stretch.
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 9 }), 'c');
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 9, name: 'Vase' }), 'c');
    await sell('VASE-R', 1);
    expect((await stockLows('VASE-R')).map((a) => [a.available, a.reorderPoint])).toEqual([[4, 5], [3, 3], [3, 8]]);
  });

  it('keeps the point and its alert when a save leaves the point out, and re-arms when the admin removes it (`null`)', async () => {
    await product('VASE-N', 6, 5);
    await sell('VASE-N', 2); // 4 left: alerted
    const item = async () => (await db.send(new GetCommand({ TableName: table, Key: productKey('VASE-N'), ConsistentRead: true }))).Item;
    await saveProduct(deps, aProduct({ sku: 'VASE-N', name: 'Vase' }), 'c'); // as GET shows it: no reorder point
    expect(await item()).toMatchObject({ name: 'Vase', reorderPoint: 5, lowStockAlerted: true });
    await saveProduct(deps, aProduct({ sku: 'VASE-N', name: 'Vase', reorderPoint: null }), 'c');
    expect(await item()).not.toHaveProperty('reorderPoint');
    expect(await item()).not.toHaveProperty('lowStockAlerted');
    // Re-armed: the point set again over the 4 units is a new crossing, told at once.
    await saveProduct(deps, aProduct({ sku: 'VASE-N', name: 'Vase', reorderPoint: 5 }), 'c');
    expect((await stockLows('VASE-N')).map((a) => [a.available, a.availableAsOf])).toEqual([[4, 'report'], [4, 'change']]);
  });

  it('tells the shop nothing when a product is created with a reorder point over its 0 units, and at its first sale or removal below it', async () => {
    await saveProduct(deps, aProduct({ sku: 'NEW-R', reorderPoint: 5 }), 'c'); // 0 units, never above the point
    await changeStock(deps, 'NEW-R', { set: 3 }, 'c'); // units put in: never an alert
    expect(await stockLows('NEW-R')).toEqual([]);
    await changeStock(deps, 'NEW-R', { delta: -1 }, 'c'); // low and not told yet: told, as a sale would
    expect(await stockLows('NEW-R')).toEqual([{ sku: 'NEW-R', name: 'Enamel mug', available: 2, reorderPoint: 5, availableAsOf: 'change' }]);
  });

  it('tells the shop once when the admin takes stock across the reorder point (breakage, a count), as a sale does, and again only after a restock above', async () => {
    await product('PLATE-A', 10, 4);
    await changeStock(deps, 'PLATE-A', { delta: -1 }, 'c'); // 9: above, nothing
    expect(await stockLows('PLATE-A')).toEqual([]);
    await changeStock(deps, 'PLATE-A', { set: 3 }, 'c'); // a count finds 3: crossed
    expect(await stockLows('PLATE-A')).toEqual([{ sku: 'PLATE-A', name: 'Enamel mug', available: 3, reorderPoint: 4, availableAsOf: 'change' }]);
    const adjusted = (await facts()).filter((f) => f.name === 'StockChanged' && f.data.sku === 'PLATE-A').at(-1);
    expect(adjusted?.data).toEqual({ sku: 'PLATE-A', previous: 9, available: 3, delta: -6, availableAsOf: 'change', reason: 'adjustment', low: true });
    // The flag the sale path uses is set with it: further removals and sales below tell nothing more.
    expect((await db.send(new GetCommand({ TableName: table, Key: productKey('PLATE-A') }))).Item?.lowStockAlerted).toBe(true);
    await changeStock(deps, 'PLATE-A', { delta: -1 }, 'c');
    await sell('PLATE-A', 1);
    expect(await stockLows('PLATE-A')).toHaveLength(1);
    // Restocked above (re-armed), then broken units take it across again: told again.
    await changeStock(deps, 'PLATE-A', { delta: 10 }, 'c'); // 11
    await changeStock(deps, 'PLATE-A', { delta: -7 }, 'c'); // 4
    expect((await stockLows('PLATE-A')).map((a) => a.available)).toEqual([3, 4]);
    // Without a reorder point, neither a removal nor a sale ever tells the shop.
    await product('PLATE-N', 3);
    await changeStock(deps, 'PLATE-N', { delta: -2 }, 'c');
    await sell('PLATE-N', 1);
    expect(await stockLows('PLATE-N')).toEqual([]);
    expect((await stockChanges('PLATE-N')).at(-1)?.data).toMatchObject({ available: 0, low: false });
  });

  it('tells the shop once when the admin and a sale take the stock across the point at the same time', async () => {
    const skus = Array.from({ length: 8 }, (_, i) => `RACE-${i}`);
    for (const sku of skus) await product(sku, 6, 5);
    // Each: a sale (checkout, then the worker) and a removal by the admin, together: 6 → 4.
    await Promise.all(skus.flatMap((sku) => [sell(sku, 1), changeStock(deps, sku, { delta: -1 }, 'c')]));
    for (const sku of skus) {
      expect((await deps.products.get(sku))?.available).toBe(4);
      expect(await stockLows(sku), sku).toHaveLength(1);
    }
  });

  /** The catalog's use cases over a client that runs `between` once, after their read and before their write. */
  const interleaved = (between: () => Promise<unknown>) => {
    let pending = true;
    const client = {
      send: async (command: Parameters<DocumentClient['send']>[0]) => {
        if (pending && command instanceof TransactWriteCommand) {
          pending = false;
          await between();
        }
        return db.send(command);
      },
    } as DocumentClient;
    return { ...deps, products: createProductRepository(client, table) };
  };

  it('tells the shop once when the worker alerts between the admin reading a low stock and removing units from it', async () => {
    await product('RACE-W', 6, 5);
    await reserve('RACE-W', 1); // a sale: 5 left, the worker has not reported it yet
    await changeStock(interleaved(() => report(placed('RACE-W', 1))), 'RACE-W', { delta: -1 }, 'c');
    expect((await deps.products.get('RACE-W'))?.available).toBe(4);
    expect(await stockLows('RACE-W')).toEqual([{ sku: 'RACE-W', name: 'Enamel mug', available: 5, reorderPoint: 5, availableAsOf: 'report' }]);
  });

  it('tells the shop once when a sale crosses the old reorder point between the admin reading the product and raising the point', async () => {
    await product('RACE-P', 5, 4);
    await saveProduct(interleaved(() => sell('RACE-P', 1)), aProduct({ sku: 'RACE-P', reorderPoint: 5 }), 'c');
    expect(await deps.products.get('RACE-P')).toMatchObject({ available: 4, reorderPoint: 5 });
    expect(await stockLows('RACE-P')).toEqual([{ sku: 'RACE-P', name: 'Enamel mug', available: 4, reorderPoint: 4, availableAsOf: 'report' }]);
  });

  /** The admin's facts about one product (not the worker's reports of sales), as written: ProductUpdated's count, StockChanged's and StockLow's data. */
  const adminFacts = async (sku: string) =>
    (await facts())
      .filter((f) => (f.data.sku ?? (f.data.product as { sku?: string } | undefined)?.sku) === sku && f.data.availableAsOf !== 'report')
      .map((f) => (f.name === 'ProductUpdated' ? { type: f.name, available: (f.data.product as { available?: number }).available } : { type: f.name, ...f.data }));

  it('refuses the count a save sends back when a sale lands between its read and its write: the write is conditional on the stock read, 409 naming `available`, nothing written', async () => {
    await product('PUT-S', 8, 5);
    const before = (await adminFacts('PUT-S')).length;
    // The 8 units it has: no change, until a sale takes 2 between the read and the write.
    const refused = await saveProduct(interleaved(() => sell('PUT-S', 2)), aProduct({ sku: 'PUT-S', reorderPoint: 5, available: 8 }), 'c').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).errors.map((e) => e.message)).toEqual([expect.stringContaining('must be 6')]);
    expect(await deps.products.get('PUT-S')).toMatchObject({ available: 6, reorderPoint: 5 });
    expect((await adminFacts('PUT-S')).slice(before)).toEqual([]);
  });

  it('starts a new product with the units sent, in the write of the product, crossing nothing even at or below its point; its first sale tells the shop', async () => {
    await saveProduct(deps, aProduct({ sku: 'PUT-L', reorderPoint: 5, available: 4 }), 'c');
    await saveProduct(deps, aProduct({ sku: 'PUT-L', reorderPoint: 5, available: 4 }), 'c'); // sent back: no stock change
    expect(await adminFacts('PUT-L')).toEqual([
      { type: 'ProductUpdated', available: 4 },
      { type: 'StockChanged', sku: 'PUT-L', previous: 0, available: 4, delta: 4, availableAsOf: 'change', reason: 'adjustment', low: true },
      { type: 'ProductUpdated', available: 4 },
    ]);
    expect(await stockLows('PUT-L')).toEqual([]);
    await sell('PUT-L', 1);
    expect(await stockLows('PUT-L')).toEqual([{ sku: 'PUT-L', name: 'Enamel mug', available: 3, reorderPoint: 5, availableAsOf: 'report' }]);
  });

  it('alerts every product that an order of 50 lines takes across its point, beyond one transaction of 100 items', async () => {
    const skus = Array.from({ length: 50 }, (_, i) => `BULK-${i}`);
    for (const sku of skus) await product(sku, 3, 2);
    for (const sku of skus) await reserve(sku, 1);
    const order: OrderStockMove = { eventId: newId(), reason: 'order_placed', items: skus.map((sku) => ({ sku, type: 'physical', quantity: 1 })) };
    expect(await report(order)).toBe(100);
    expect(await report(order)).toBe(0); // the same event again: nothing more
    const alerted = (await facts()).filter((f) => f.name === 'StockLow' && String(f.data.sku).startsWith('BULK-'));
    expect(alerted.map((f) => f.data.sku).sort()).toEqual([...skus].sort());
    const flags = await Promise.all(skus.map((sku) => db.send(new GetCommand({ TableName: table, Key: productKey(sku) }))));
    expect(flags.every(({ Item }) => Item?.lowStockAlerted === true)).toBe(true);
  });

  it('lists the stock of physical products, with the units unpaid orders hold, and with low only those at or below their reorder point', async () => {
    const { db: own, names } = await freshTables();
    const ownDeps = { products: createProductRepository(own, names.domain), ids: newId, clock, settings: defaultStoreSettings };
    const seed = async (sku: string, stock: number, reorderPoint?: number) => {
      await saveProduct(ownDeps, aProduct({ sku, ...(reorderPoint !== undefined && { reorderPoint }) }), 'c');
      await changeStock(ownDeps, sku, { set: stock }, 'c');
    };
    await seed('A-LOW', 2, 2);
    await seed('B-OK', 9, 2);
    await seed('C-NONE', 0);
    await seed('D-ZERO', 0, 0);
    await saveProduct(ownDeps, aProduct({ sku: 'E-BOOK', type: 'digital' }), 'c');
    // Checkout took 3 B-OK for an order still unpaid; an order paid earlier holds nothing any more.
    const pending = aPendingOrderOf('stock-pending-1', { 'B-OK': 3 });
    await own.send(new TransactWriteCommand({ TransactItems: [reserveStock(names.domain, 'B-OK', 3, price)] }));
    await putOrders(own, names.domain, [pending, aPendingOrderOf('stock-paid-1', { 'B-OK': 5, 'A-LOW': 1 }, { status: 'paid' })]);
    // The attribute products kept before: ignored (a product stored by an older deployment).
    await own.send(new UpdateCommand({ TableName: names.domain, Key: productKey('A-LOW'), UpdateExpression: 'SET reserved = :n', ExpressionAttributeValues: { ':n': 7 } }));
    const view = { stock: createStockLevels(own, names.domain), reservations: createStockReservations(own, names.domain) };
    expect(await listStock(view, {})).toEqual({
      items: [
        { sku: 'A-LOW', available: 2, reserved: 0, reorderPoint: 2 },
        { sku: 'B-OK', available: 6, reserved: 3, reorderPoint: 2 },
        { sku: 'C-NONE', available: 0, reserved: 0, reorderPoint: null },
        { sku: 'D-ZERO', available: 0, reserved: 0, reorderPoint: 0 },
      ],
    });
    expect((await listStock(view, { low: true })).items.map((i) => i.sku)).toEqual(['A-LOW', 'D-ZERO']);

    // Paid: the 3 units are sold, no longer reserved, and the product was not written.
    const before = await own.send(new GetCommand({ TableName: names.domain, Key: productKey('B-OK'), ConsistentRead: true }));
    await own.send(new TransactWriteCommand({ TransactItems: [transitionOrder(names.domain, pending, { from: ['pending_payment'], to: 'paid', at: '2026-11-24T10:05:00.000Z' })] }));
    expect((await listStock(view, {})).items.find((i) => i.sku === 'B-OK')).toEqual({ sku: 'B-OK', available: 6, reserved: 0, reorderPoint: 2 });
    expect((await own.send(new GetCommand({ TableName: names.domain, Key: productKey('B-OK'), ConsistentRead: true }))).Item).toEqual(before.Item);

    // Another order takes 2 and is cancelled unpaid: reserved while pending, back to available after.
    const cancelled = aPendingOrderOf('stock-cancelled-1', { 'B-OK': 2 });
    await own.send(new TransactWriteCommand({ TransactItems: [reserveStock(names.domain, 'B-OK', 2, price)] }));
    await putOrders(own, names.domain, [cancelled]);
    expect((await listStock(view, {})).items.find((i) => i.sku === 'B-OK')).toEqual({ sku: 'B-OK', available: 4, reserved: 2, reorderPoint: 2 });
    expect(await createOrderRepository(own, names.domain).cancelUnpaid(cancelled, 'payment_timeout', new Date('2026-11-24T10:35:00Z'))).toBe(true);
    expect((await listStock(view, {})).items.find((i) => i.sku === 'B-OK')).toEqual({ sku: 'B-OK', available: 6, reserved: 0, reorderPoint: 2 });
  });
});
