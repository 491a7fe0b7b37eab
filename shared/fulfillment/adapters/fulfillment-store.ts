import { orderChangeWrite } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { writeAllOrNone } from '#runtime/dynamodb/transactions';
import type { FulfillmentStore } from '../app/ports';

/** Fulfillment's writes on orders: ordering's guarded change of the order read, and the facts, all or none. */
export const createFulfillmentStore = (db: DocumentClient, table: string): FulfillmentStore => ({
  save: (order, change) => writeAllOrNone(db, [orderChangeWrite(table, order, change), ...putOutboxEntries(table, change.facts)]),
});
