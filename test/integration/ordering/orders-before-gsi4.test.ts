import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { productKey } from '#catalog/adapters/keys';
import { orderKeys } from '#ordering/adapters/keys';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createStockReservations } from '#ordering/adapters/stock-reservations';
import type { OrderRepository } from '#ordering/app/ports';
import type { Order } from '#ordering/domain/order';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { freshTables } from '../../support/dynamo';

/**
 * An order stored as they were before GSI4 and the compressed placed part: every field plain,
 * listed by status whole on GSI2. An upgraded deployment holds some, unpaid, at the moment it
 * upgrades: they must still expire (giving their stock back), be reconciled, and count in the
 * units unpaid orders hold.
 */
const storeAsBeforeGsi4 = (db: DocumentClient, table: string, order: Order) =>
  db.send(
    new PutCommand({
      TableName: table,
      Item: { ...order, ...orderKeys(order.id), GSI2PK: `ORDER_STATUS#${order.status}`, GSI2SK: `${order.createdAt}#${order.id}`, tokenHash: 'x' },
    }),
  );

describe('orders stored before the status index GSI4 (DynamoDB Local)', () => {
  let db: DocumentClient;
  let table: string;
  let orders: OrderRepository;
  const old = aPendingOrder('old-pending-1', { createdAt: '2026-11-24T09:00:00.000Z', paymentDueAt: '2026-11-24T09:30:00.000Z' });
  const recent = aPendingOrder('new-pending-1', { createdAt: '2026-11-24T09:10:00.000Z', paymentDueAt: '2026-11-24T09:40:00.000Z' });

  beforeAll(async () => {
    const fresh = await freshTables();
    db = fresh.db;
    table = fresh.names.domain;
    orders = createOrderRepository(db, table);
    // The product as that deployment kept it: both orders' 4 units in `reserved`.
    await storeOrders(db, table, [recent], { sku: 'PAID-1', reserved: 4 });
    await storeAsBeforeGsi4(db, table, old);
  });

  it('are found past their deadline, and for reconciliation, beside those placed since', async () => {
    expect((await orders.listUnpaidDue(new Date('2026-11-24T09:35:00Z'), 10)).map((o) => o.id)).toEqual(['old-pending-1']);
    const due = await orders.listUnpaidDue(new Date('2026-11-24T10:00:00Z'), 10);
    expect(due.map((o) => o.id).sort()).toEqual(['new-pending-1', 'old-pending-1']);
    // Read back whole, whichever way each was stored.
    expect(due.find((o) => o.id === 'old-pending-1')).toEqual(old);
    expect(due.find((o) => o.id === 'new-pending-1')).toEqual(recent);
    expect((await orders.listPendingCreatedBefore(new Date('2026-11-24T09:05:00Z'), 10)).map((o) => o.id)).toEqual(['old-pending-1']);
  });

  it('hold their units in the stock view, beside those placed since', async () => {
    expect(await createStockReservations(db, table).unitsHeld()).toEqual(new Map([['PAID-1', 4]]));
  });

  it('leave GSI2 for GSI4 when cancelled, their stock given back', async () => {
    expect(await orders.cancelUnpaid(old, 'payment_timeout', new Date('2026-11-24T09:35:00Z'))).toBe(true);
    const stored = (await db.send(new GetCommand({ TableName: table, Key: orderKeys(old.id), ConsistentRead: true }))).Item;
    expect(stored).toMatchObject({ status: 'cancelled', GSI4PK: 'ORDER_STATUS#cancelled', GSI4SK: `${old.createdAt}#${old.id}` });
    expect(stored).not.toHaveProperty('GSI2PK');
    expect((await orders.listUnpaidDue(new Date('2026-11-24T10:00:00Z'), 10)).map((o) => o.id)).toEqual(['new-pending-1']);
    const product = (await db.send(new GetCommand({ TableName: table, Key: productKey('PAID-1'), ConsistentRead: true }))).Item;
    // Its 2 units are sellable again; the product's old count is gone (nothing reads it now).
    expect(product).toMatchObject({ available: 2 });
    expect(product).not.toHaveProperty('reserved');
    expect(await createStockReservations(db, table).unitsHeld()).toEqual(new Map([['PAID-1', 2]]));
  });
});
