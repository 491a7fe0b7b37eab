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
import { newId } from '#kernel/ids';
import { createStockReservations, transitionOrder } from '#ordering/index';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { aPendingOrderOf, putOrders } from '../../fixtures/orders';
import { outboxOf } from '../../fixtures/outbox';
import { aProduct } from '../../fixtures/products';
import { freshTables } from '../../support/dynamo';

describe('StockLow, once per crossing of the reorder point, on DynamoDB Local', () => {
  let db: DocumentClient;
  let table: string;
  let facts: ReturnType<typeof outboxOf>;
  const clock = () => new Date();
  let deps: { products: ReturnType<typeof createProductRepository>; ids: () => string; clock: () => Date };
  let inventory: Parameters<typeof reportOrderStock>[0];
  const price = aProduct().price;

  beforeAll(async () => {
    ({ db, names: { domain: table } } = await freshTables());
    facts = outboxOf(db, table);
    deps = { products: createProductRepository(db, table), ids: newId, clock };
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
    expect(await stockLows('KETTLE-20')).toEqual([{ sku: 'KETTLE-20', name: 'Enamel mug', available: 5, reorderPoint: 10 }]);
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

  it('re-arms when the admin lowers the reorder point under the stock, and a raised one alerts at the next sale only', async () => {
    await product('VASE-R', 6, 5);
    await sell('VASE-R', 2); // 4 left: alerted
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 3 }), 'c'); // 4 > 3: re-armed
    await sell('VASE-R', 1); // 3 left: a new crossing
    expect((await stockLows('VASE-R')).map((a) => [a.available, a.reorderPoint])).toEqual([[4, 5], [3, 3]]);
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 1 }), 'c'); // 3 > 1: re-armed
    await saveProduct(deps, aProduct({ sku: 'VASE-R', reorderPoint: 8 }), 'c'); // 3 <= 8: no sale, no alert
    expect(await stockLows('VASE-R')).toHaveLength(2);
    await sell('VASE-R', 1);
    expect((await stockLows('VASE-R')).map((a) => [a.available, a.reorderPoint])).toEqual([[4, 5], [3, 3], [2, 8]]);
  });

  it('takes the admin setting stock at or below the point as no sale, and a product without a reorder point never alerts', async () => {
    await product('PLATE-A', 10, 4);
    await changeStock(deps, 'PLATE-A', { set: 3 }, 'c');
    expect(await stockLows('PLATE-A')).toEqual([]);
    const adjusted = (await facts()).filter((f) => f.name === 'StockChanged' && f.data.sku === 'PLATE-A').at(-1);
    expect(adjusted?.data).toMatchObject({ previous: 10, available: 3, reason: 'adjustment', low: true });
    await sell('PLATE-A', 1); // the first sale at low stock tells the shop
    expect(await stockLows('PLATE-A')).toHaveLength(1);
    await product('PLATE-N', 2);
    await sell('PLATE-N', 2);
    expect(await stockLows('PLATE-N')).toEqual([]);
    expect((await stockChanges('PLATE-N')).at(-1)?.data).toMatchObject({ available: 0, low: false });
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
    const ownDeps = { products: createProductRepository(own, names.domain), ids: newId, clock };
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
