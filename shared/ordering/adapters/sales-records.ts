import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Currency } from '#kernel/money';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { SalesRecords } from '../app/ports';
import { orderStatusPartition, SUCCEEDED_REFUNDS } from './keys';
import { readOrders } from './read-orders';

type Item = Record<string, unknown>;

/**
 * Index entries a query page takes at most: the orders behind a page are then read in one
 * BatchGetItem (100 keys), and a read holds no more than that many orders at once.
 */
const PAGE = 100;

/**
 * Where orders are listed by status: GSI4, and GSI2 for orders placed before GSI4 existed and whose
 * status has not changed since (a delivered order of then stays there): a report over those days
 * finds them too. A deployment that never had them reads an empty partition, one request.
 */
const STATUS_INDEXES = ['GSI4', 'GSI2'] as const;

/**
 * The sales report's reads, never a Scan. Orders: each status partition of the status indexes,
 * between two creation times (their sort key is `createdAt#id`), every page until the last, all
 * partitions at once; the orders behind each page read by key. Refunds: the ledger's partition of
 * GSI2 between two times (its sort key is `settledAt#refundId`). A range's ISO bounds compare below
 * every sort key of their own instant (`…Z` < `…Z#id`): BETWEEN takes the orders of its start and
 * leaves out those of its end. Eventually consistent, as indexes are: a change of the last second
 * may be missing, or an order met in two partitions while it moves (the tally counts it once).
 */
export const createSalesRecords = (db: DocumentClient, table: string): SalesRecords => {
  async function* pages(index: string, partition: string, range: { from: Date; to: Date }) {
    let start: Item | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': `${index}PK`, '#sk': `${index}SK` },
          ExpressionAttributeValues: { ':pk': partition, ':from': range.from.toISOString(), ':to': range.to.toISOString() },
          Limit: PAGE,
          ExclusiveStartKey: start,
        }),
      );
      yield page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }

  return {
    async eachOrderPlaced(placed, statuses, count) {
      const partitions = STATUS_INDEXES.flatMap((index) => statuses.map((status) => ({ index, partition: orderStatusPartition(status) })));
      await Promise.all(
        partitions.map(async ({ index, partition }) => {
          for await (const entries of pages(index, partition, placed)) {
            if (entries.length > 0) count(await readOrders(db, table, entries));
          }
        }),
      );
    },

    async eachRefundSucceeded(settled, count) {
      for await (const entries of pages('GSI2', SUCCEEDED_REFUNDS, settled)) {
        count(
          entries.map((entry) => ({
            id: String(entry.refundId),
            orderId: String(entry.orderId),
            amount: entry.amount as { amount: number; currency: Currency },
            settledAt: String(entry.settledAt),
          })),
        );
      }
    },
  };
};
