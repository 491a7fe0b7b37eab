import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { releaseStock, restockUnits, type TransactItem } from '#catalog/index';
import type { Order } from '#ordering/index';
import { orderChangeWrite, succeededRefundWrites, unansweredRefunds, unansweredRefundWrites } from '#ordering/index';
import { invoiceSeries } from '#payments/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { cancellationCodes, CONTENDED_ATTEMPTS, lostTheRace, pauseAfterLostRace, writeAllOrNone } from '#runtime/dynamodb/transactions';
import { nextInSeries, readSeriesCounter, type GapFreeSeries } from '#runtime/dynamodb/gap-free-series';
import type { AfterSalesChange, AfterSalesStore, DocumentSeries } from '../app/ports';
import { formatCreditNoteNumber } from '../domain/credit-note';
import { shopYear } from '#kernel/shop-time';

/**
 * The key shapes of after-sales items, and nowhere else. A return's lookup item finds its order
 * from its id (the admin's routes name only the return) and, while a withdrawal's refund is owed,
 * sits in the `REFUND_DUE` partition of GSI2 by deadline, which the overdue schedule reads.
 */
const returnKey = (returnId: string) => ({ PK: `RETURN#${returnId}`, SK: 'RETURN' });
const REFUND_DUE = 'REFUND_DUE';

/** Credit notes have their own series; an invoice takes the payments context's, which owns it. */
const seriesOf = (table: string, series: DocumentSeries, year: number): GapFreeSeries =>
  series === 'invoice'
    ? invoiceSeries(table, year)
    : { table, key: { PK: `COUNTER#credit-note#${year}`, SK: 'COUNTER' }, format: (sequence) => formatCreditNoteNumber(year, sequence) };

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
  ...(change.owedAgain
    ? [
        {
          Update: {
            TableName: table,
            Key: returnKey(change.owedAgain.id),
            // Back on the deadline watch, to be reported if its deadline passes (again).
            UpdateExpression: 'SET GSI2PK = :due, GSI2SK = :sk REMOVE overdueReportedAt',
            ExpressionAttributeValues: { ':due': REFUND_DUE, ':sk': `${change.owedAgain.refundDueBy}#${change.owedAgain.id}` },
          },
        },
      ]
    : []),
  ...[...(change.settledReturns ?? []), change.overdueReported]
    .filter((id): id is string => Boolean(id))
    .map((id) => ({
      Update: {
        TableName: table,
        Key: returnKey(id),
        // Off the deadline watch: refunded, rejected, owed nothing any more, or reported overdue once.
        UpdateExpression: `REMOVE GSI2PK, GSI2SK${id === change.overdueReported ? ' SET overdueReportedAt = :at' : ''}`,
        ...(id === change.overdueReported && { ExpressionAttributeValues: { ':at': change.at } }),
      },
    })),
  ...putOutboxEntries(table, change.facts),
  // After every other item: the codes of a cancelled transaction are read by position.
  ...succeededRefundWrites(table, order, change.fields.refunds),
  ...unansweredRefundWrites(table, order, change.fields.refunds),
];

export const createAfterSalesStore = (db: DocumentClient, table: string): AfterSalesStore => {
  return {
    save: (order, change) => writeAllOrNone(db, changeItems(table, order, change)),

    // One counter for the whole year: in a burst of refunds every settlement races for it (see
    // `pauseAfterLostRace`); 100 refunds settled at once all get theirs
    // (test/integration/returns/credit-notes.test.ts).
    async saveNumbered(order, { series: name, now }, build) {
      const series = seriesOf(table, name, shopYear(now));
      for (let attempt = 0; attempt < CONTENDED_ATTEMPTS; attempt++) {
        const next = nextInSeries(series, await readSeriesCounter(db, series), now);
        const change = build({ number: next.number, at: next.issuedAt });
        try {
          // Gap-free: the counter moves from the value read, in the transaction that issues the document.
          await db.send(new TransactWriteCommand({ TransactItems: [next.take, ...changeItems(table, order, change)] }));
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

    unansweredRefunds: (reservedBefore, limit) => unansweredRefunds(db, table, reservedBefore, limit),

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
