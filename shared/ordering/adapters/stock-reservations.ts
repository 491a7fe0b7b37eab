import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StockReservations } from '#catalog/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { reservedUnits } from '../domain/order';
import { orderStatusPartition } from './keys';
import { readOrders } from './read-orders';

/**
 * The units held by unpaid orders, for the catalog's stock view: products no longer count them
 * (a payment would have to write every product it sold, and their two index copies). Checkout
 * takes the units from `available` and the transaction that cancels an unpaid order gives them
 * back, so the units held are exactly the lines of the orders still `pending_payment`.
 *
 * Every page of the pending partition of the status index (GSI4), and of GSI2's, where orders
 * placed before GSI4 and still unpaid are listed (as the order repository's pending listings
 * read them); the orders behind the entries are read page by page (BatchGet), and one that is
 * no longer pending when read (paid or cancelled since its entry was read) holds nothing. An
 * order found in both partitions counts once.
 */
export const createStockReservations = (db: DocumentClient, tableName: string): StockReservations => ({
  async unitsHeld() {
    const held = new Map<string, number>();
    const counted = new Set<string>();
    for (const index of ['GSI4', 'GSI2'] as const) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: `${index}PK = :pk`,
            ExpressionAttributeValues: { ':pk': orderStatusPartition('pending_payment') },
            // The keys are enough: the orders are read whole below (GSI4 holds no order).
            ProjectionExpression: 'PK, SK',
            ExclusiveStartKey: start,
          }),
        );
        const entries = (page.Items ?? []).filter((entry) => !counted.has(String(entry.PK)));
        for (const entry of entries) counted.add(String(entry.PK));
        for (const order of await readOrders(db, tableName, entries)) {
          if (order.status !== 'pending_payment') continue;
          for (const { sku, quantity } of reservedUnits(order)) held.set(sku, (held.get(sku) ?? 0) + quantity);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return held;
  },
});
