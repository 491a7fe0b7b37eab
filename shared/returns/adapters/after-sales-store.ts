import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { releaseStock, restockUnits, type TransactItem } from '#catalog/index';
import type { Order } from '#ordering/index';
import { orderChangeWrite, succeededRefundWrites } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { cancellationCodes, CONTENDED_ATTEMPTS, lostTheRace, pauseAfterLostRace, writeAllOrNone } from '#runtime/dynamodb/transactions';
import type { AfterSalesChange, AfterSalesStore } from '../app/ports';

/**
 * The key shapes of after-sales items, and nowhere else. A return's lookup item finds its order
 * from its id (the admin's routes name only the return) and, while a withdrawal's refund is owed,
 * sits in the `REFUND_DUE` partition of GSI2 by deadline, which the overdue schedule reads.
 */
const returnKey = (returnId: string) => ({ PK: `RETURN#${returnId}`, SK: 'RETURN' });
const REFUND_DUE = 'REFUND_DUE';
const creditNoteCounterKey = (year: number) => ({ PK: `COUNTER#credit-note#${year}`, SK: 'COUNTER' });

const changeItems = (table: string, order: Order, change: AfterSalesChange): TransactItem[] => [
  orderChangeWrite(table, order, change),
  ...(change.restock ?? []).map((u) => restockUnits(table, u.sku, u.quantity)),
  ...(change.release ?? []).map((u) => releaseStock(table, u.sku, u.quantity)),
  ...(change.newReturn
    ? [
        {
          Put: {
            TableName: table,
            Item: {
              ...returnKey(change.newReturn.id),
              orderId: order.id,
              ...(change.newReturn.refundDueBy && { GSI2PK: REFUND_DUE, GSI2SK: `${change.newReturn.refundDueBy}#${change.newReturn.id}` }),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ]
    : []),
  ...[change.settledReturn, change.overdueReported]
    .filter((id): id is string => Boolean(id))
    .map((id) => ({
      Update: {
        TableName: table,
        Key: returnKey(id),
        // Off the deadline watch: refunded, rejected, or reported overdue once.
        UpdateExpression: `REMOVE GSI2PK, GSI2SK${id === change.overdueReported ? ' SET overdueReportedAt = :at' : ''}`,
        ...(id === change.overdueReported && { ExpressionAttributeValues: { ':at': change.at } }),
      },
    })),
  ...putOutboxEntries(table, change.facts),
  // After every other item: the codes of a cancelled transaction are read by position.
  ...succeededRefundWrites(table, order, change.fields.refunds),
];

export const createAfterSalesStore = (db: DocumentClient, table: string): AfterSalesStore => {
  return {
    save: (order, change) => writeAllOrNone(db, changeItems(table, order, change)),

    // One counter for the whole year: in a burst of refunds every settlement races for it (see
    // `pauseAfterLostRace`); 100 refunds settled at once all get theirs
    // (test/integration/returns/credit-notes.test.ts).
    async saveWithCreditNote(order, year, build) {
      for (let attempt = 0; attempt < CONTENDED_ATTEMPTS; attempt++) {
        const { Item } = await db.send(new GetCommand({ TableName: table, Key: creditNoteCounterKey(year), ConsistentRead: true }));
        const last = Number(Item?.value ?? 0);
        const change = build(last + 1);
        // Gap-free: the counter moves from the value read, in the transaction that issues the note.
        const counter: TransactItem = {
          Update: {
            TableName: table,
            Key: creditNoteCounterKey(year),
            UpdateExpression: 'SET #value = :next',
            ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
            ExpressionAttributeNames: { '#value': 'value' },
            ExpressionAttributeValues: { ':next': last + 1, ...(last !== 0 && { ':last': last }) },
          },
        };
        try {
          await db.send(new TransactWriteCommand({ TransactItems: [counter, ...changeItems(table, order, change)] }));
          return true;
        } catch (error) {
          if (!lostTheRace(error)) throw error;
          // The order changed: the caller reads it again. The counter moved: take the next number.
          if (cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return false;
          await pauseAfterLostRace(attempt);
        }
      }
      return false;
    },

    async orderOfReturn(returnId) {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: returnKey(returnId) }));
      return Item ? String(Item.orderId) : undefined;
    },

    async overdueReturns(now, limit) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :due AND GSI2SK <= :now',
          ExpressionAttributeValues: { ':due': REFUND_DUE, ':now': now.toISOString() },
          Limit: limit,
        }),
      );
      return Items.map((item) => ({ orderId: String(item.orderId), returnId: String(item.PK).slice('RETURN#'.length) }));
    },
  };
};
