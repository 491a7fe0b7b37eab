import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderItem, orderStatusKeys } from '#ordering/adapters/keys';
import { createStockReservations } from '#ordering/adapters/stock-reservations';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { aPendingOrder, aPendingOrderOf, putOrders } from '../../fixtures/orders';
import { freshTables } from '../../support/dynamo';

describe('the units unpaid orders hold, for the stock view (DynamoDB Local)', () => {
  let db: DocumentClient;
  let table: string;

  beforeAll(async () => {
    ({ db, names: { domain: table } } = await freshTables());
  });

  it('sums the physical lines of every pending order, beyond one BatchGet of 100, and none of the others', async () => {
    const many = Array.from({ length: 150 }, (_, i) => aPendingOrderOf(`held-${String(i).padStart(3, '0')}`, { 'MUG-1': 1, 'LAMP-1': 2 }));
    const withDigital = aPendingOrder('held-digital', { items: [{ ...aPendingOrder('x').items[0]!, sku: 'EBOOK-1', type: 'digital', quantity: 1 }] });
    await putOrders(db, table, [
      ...many,
      withDigital,
      aPendingOrderOf('held-paid', { 'MUG-1': 40 }, { status: 'paid' }),
      aPendingOrderOf('held-cancelled', { 'MUG-1': 50 }, { status: 'cancelled' }),
    ]);
    expect(await createStockReservations(db, table).unitsHeld()).toEqual(new Map([['MUG-1', 150], ['LAMP-1', 300]]));
  });

  it('ignores an order paid since its entry in the status index was read', async () => {
    const fresh = await freshTables();
    // The order is paid, but the index still lists it as pending (GSIs are eventually consistent).
    const paid = aPendingOrderOf('held-stale', { 'VASE-1': 3 }, { status: 'paid' });
    const stale = { ...orderItem(paid), ...orderStatusKeys({ ...paid, status: 'pending_payment' }), tokenHash: 'x' };
    await fresh.db.send(new PutCommand({ TableName: fresh.names.domain, Item: stale }));
    await putOrders(fresh.db, fresh.names.domain, [aPendingOrderOf('held-live', { 'VASE-1': 1 })]);
    expect(await createStockReservations(fresh.db, fresh.names.domain).unitsHeld()).toEqual(new Map([['VASE-1', 1]]));
  });
});
