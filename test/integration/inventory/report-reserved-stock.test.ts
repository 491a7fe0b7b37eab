import { describe, expect, it } from 'vitest';
import { changeStock } from '#catalog/app/change-stock';
import { reportReservedStock } from '#catalog/app/report-reserved-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProcessedEvents } from '#runtime/dynamodb/processed-events';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { aProduct } from '../../fixtures/products';
import { recordingPublisher } from '../../fixtures/recording-publisher';
import { freshTables } from '../../support/dynamo';

describe('the inventory worker on DynamoDB Local', () => {
  it('reports the stock a placed order took, flags it low, once per event, and skips digital goods', async () => {
    const { db, names } = await freshTables();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    const products = createProductRepository(db, names.domain);
    const setup = { products, publisher: recordingPublisher(), clock };
    await saveProduct(setup, aProduct({ sku: 'LAMP-1' }), 'c');
    await changeStock(setup, 'LAMP-1', { set: 4 }, 'c'); // as after an order took 2 of 6
    await saveProduct(setup, aProduct({ sku: 'BOWL-1' }), 'c');
    await changeStock(setup, 'BOWL-1', { set: 40 }, 'c');
    await saveProduct(setup, aProduct({ sku: 'EBOOK-1', type: 'digital' }), 'c');

    const publisher = recordingPublisher();
    const deps = { products, publisher, processed: createProcessedEvents(db, names.domain, clock) };
    const placed = {
      eventId: 'evt-placed-1',
      items: [
        { sku: 'LAMP-1', type: 'physical', quantity: 2 },
        { sku: 'BOWL-1', type: 'physical', quantity: 1 },
        { sku: 'EBOOK-1', type: 'digital', quantity: 1 },
      ],
    };
    expect(await reportReservedStock(deps, placed, 'c')).toBe(2);
    expect(publisher.events).toEqual([
      { name: 'StockChanged', data: { sku: 'LAMP-1', previous: 6, available: 4, reason: 'order_placed', low: true } },
      { name: 'StockChanged', data: { sku: 'BOWL-1', previous: 41, available: 40, reason: 'order_placed', low: false } },
    ]);
    // The same OrderPlaced delivered again publishes nothing more.
    expect(await reportReservedStock(deps, placed, 'c')).toBe(0);
    expect(publisher.events).toHaveLength(2);
  });

  it('releases its claim when publishing fails, so the retry publishes', async () => {
    const { db, names } = await freshTables();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    const products = createProductRepository(db, names.domain);
    await saveProduct({ products, publisher: recordingPublisher(), clock }, aProduct({ sku: 'LAMP-2' }), 'c');
    await changeStock({ products, publisher: recordingPublisher() }, 'LAMP-2', { set: 3 }, 'c');
    const processed = createProcessedEvents(db, names.domain, clock);
    const placed = { eventId: 'evt-placed-2', items: [{ sku: 'LAMP-2', type: 'physical', quantity: 1 }] };
    const failing = { publish: async () => Promise.reject(new Error('PutEvents failed')) };
    await expect(reportReservedStock({ products, publisher: failing, processed }, placed, 'c')).rejects.toThrow('PutEvents failed');
    const publisher = recordingPublisher();
    expect(await reportReservedStock({ products, publisher, processed }, placed, 'c')).toBe(1);
  });
});
