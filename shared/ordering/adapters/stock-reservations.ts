import type { StockReservations } from '#catalog/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { reservedUnits } from '../domain/order';
import { everyPendingEntryPage } from './pending-orders';
import { readOrders } from './read-orders';

/**
 * The units held by unpaid orders, for the catalog's stock view: products no longer count them
 * (a payment would have to write every product it sold, and their two index copies). Checkout
 * takes the units from `available` and the transaction that cancels an unpaid order gives them
 * back, so the units held are exactly the lines of the orders still `pending_payment`.
 *
 * Every pending order listed (`everyPendingEntryPage`), read page by page (BatchGet); one that is
 * no longer pending when read (paid or cancelled since its entry was read) holds nothing.
 */
export const createStockReservations = (db: DocumentClient, tableName: string): StockReservations => ({
  async unitsHeld() {
    const held = new Map<string, number>();
    // The keys are enough: the orders are read whole below (GSI4 holds no order).
    for await (const entries of everyPendingEntryPage(db, tableName, () => ({ ProjectionExpression: 'PK, SK' }))) {
      for (const order of await readOrders(db, tableName, entries)) {
        if (order.status !== 'pending_payment') continue;
        for (const { sku, quantity } of reservedUnits(order)) held.set(sku, (held.get(sku) ?? 0) + quantity);
      }
    }
    return held;
  },
});
