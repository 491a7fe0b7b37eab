import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createStockAlerts } from '#catalog/adapters/stock-alerts';
import { changeStock } from '#catalog/app/change-stock';
import { reportOrderStock, restockedByReturn } from '#catalog/app/report-order-stock';
import { saveProduct } from '#catalog/app/save-product';
import { reserveStock, restockUnits } from '#catalog/index';
import { newId } from '#kernel/ids';
import { outboxOf } from '../../fixtures/outbox';
import { aProduct } from '../../fixtures/products';
import { freshTables } from '../../support/dynamo';
import { defaultStoreSettings } from '#pricing/domain/index';

describe('the inventory worker reports a received return (DynamoDB Local)', () => {
  it('StockChanged for the undamaged units only (reason return_received), once per event; stock back above the reorder point re-arms StockLow', async () => {
    const { db, names } = await freshTables();
    let seconds = 0;
    const clock = () => new Date(Date.UTC(2026, 11, 10, 10, 0, seconds++));
    const deps = { products: createProductRepository(db, names.domain), ids: newId, clock, settings: defaultStoreSettings };
    await saveProduct(deps, aProduct({ sku: 'LAMP-1', reorderPoint: 5 }), 'c');
    await changeStock(deps, 'LAMP-1', { set: 6 }, 'c');
    const worker = { stock: createStockAlerts(db, names.domain, clock), ids: newId, clock };
    const facts = outboxOf(db, names.domain);
    const lampFacts = async (name: string) => (await facts()).filter((f) => f.name === name && f.data.sku === 'LAMP-1').map((f) => f.data);

    // A sale (checkout takes 2) leaves 4 of the lamp: low, the shop is told once.
    const sell = (quantity: number) => db.send(new TransactWriteCommand({ TransactItems: [reserveStock(names.domain, 'LAMP-1', quantity, aProduct().price)] }));
    await sell(2);
    await reportOrderStock(worker, { eventId: 'evt-placed', reason: 'order_placed', items: [{ sku: 'LAMP-1', type: 'physical', quantity: 2 }] }, 'c');
    expect(await lampFacts('StockLow')).toHaveLength(1);

    // 3 lamps came back, 1 damaged: the returns context restocked 2 (6 available) as it does, leaving the alert alone.
    await db.send(new TransactWriteCommand({ TransactItems: [restockUnits(names.domain, 'LAMP-1', 2)] }));
    expect((await worker.stock.read(['LAMP-1'])).get('LAMP-1')).toMatchObject({ available: 6, lowStockAlerted: true });
    const items = restockedByReturn([{ sku: 'LAMP-1', received: 3, damaged: 1 }]);
    const received = { eventId: 'evt-return-received', reason: 'return_received' as const, items };
    const written = await Promise.all([reportOrderStock(worker, received, 'c'), reportOrderStock(worker, received, 'c')]);
    expect(written.sort()).toEqual([0, 1]);
    expect((await lampFacts('StockChanged')).filter((d) => d.reason === 'return_received')).toEqual([{ sku: 'LAMP-1', previous: 4, available: 6, delta: 2, availableAsOf: 'report', reason: 'return_received', low: false }]);
    expect((await worker.stock.read(['LAMP-1'])).get('LAMP-1')?.lowStockAlerted).toBe(false);

    // Re-armed: the next sale that crosses the reorder point tells the shop again.
    await sell(1);
    await reportOrderStock(worker, { eventId: 'evt-placed-2', reason: 'order_placed', items: [{ sku: 'LAMP-1', type: 'physical', quantity: 1 }] }, 'c');
    expect(await lampFacts('StockLow')).toHaveLength(2);
  });
});
