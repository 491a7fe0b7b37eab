import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { annotateOrder, transitionOrder } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntry } from '#runtime/dynamodb/outbox';
import type { FulfillmentStore } from '../app/ports';

/**
 * Fulfillment's writes on orders: ordering's guarded transition (or, when the status stays, its
 * guarded annotation) conditioned on the revision read, and the facts, in one transaction.
 */
export const createFulfillmentStore = (db: DocumentClient, table: string): FulfillmentStore => ({
  async save(order, change) {
    const revision = order.revision ?? 0;
    const write =
      change.status === order.status
        ? annotateOrder(table, order.id, { statuses: [order.status], at: change.at, revision }, change.fields)
        : transitionOrder(table, order.id, { from: [order.status], to: change.status, at: change.at, revision }, change.fields);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [write, ...change.facts.map((fact) => putOutboxEntry(table, fact))] }));
      return true;
    } catch (error) {
      const codes = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
      if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) return false;
      throw error;
    }
  },
});
