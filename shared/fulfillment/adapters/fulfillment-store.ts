import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { orderChangeWrite } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { lostTheRace } from '#runtime/dynamodb/transactions';
import type { FulfillmentStore } from '../app/ports';

/** Fulfillment's writes on orders: ordering's guarded change of the order read, and the facts, in one transaction. */
export const createFulfillmentStore = (db: DocumentClient, table: string): FulfillmentStore => ({
  async save(order, change) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [orderChangeWrite(table, order, change), ...putOutboxEntries(table, change.facts)] }));
      return true;
    } catch (error) {
      if (lostTheRace(error)) return false;
      throw error;
    }
  },
});
