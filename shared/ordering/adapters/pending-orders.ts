import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { orderStatusPartition } from './keys';

/**
 * Where unpaid orders are listed: the status index (GSI4) and, for orders placed before it
 * existed and still unpaid, GSI2's status partition where they were listed then. They must still
 * expire (their stock released), be reconciled and count as holding stock. An order leaves GSI2
 * at its first status change, so that partition empties on its own once the last of them is paid
 * or expired.
 */
const PENDING_INDEXES = ['GSI4', 'GSI2'] as const;
type PendingIndex = (typeof PENDING_INDEXES)[number];

/** What a listing adds to the pending partition's key condition (`:pk`): a sort-key bound, a filter, a limit. */
export type PendingQuery = Pick<QueryCommandInput, 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeValues' | 'Limit' | 'ProjectionExpression'>;

type Entry = Record<string, unknown>;

const queryOf = (table: string, index: PendingIndex, query: (index: PendingIndex) => PendingQuery, start?: Record<string, unknown>) => {
  const own = query(index);
  return new QueryCommand({
    TableName: table,
    IndexName: index,
    ...own,
    KeyConditionExpression: [`${index}PK = :pk`, own.KeyConditionExpression].filter(Boolean).join(' AND '),
    ExpressionAttributeValues: { ':pk': orderStatusPartition('pending_payment'), ...own.ExpressionAttributeValues },
    ExclusiveStartKey: start,
  });
};

/** The first page of each index, side by side: what a schedule takes in one run. */
export const firstPendingEntries = async (db: DocumentClient, table: string, query: (index: PendingIndex) => PendingQuery): Promise<Entry[]> => {
  const pages = await Promise.all(PENDING_INDEXES.map((index) => db.send(queryOf(table, index, query))));
  return pages.flatMap((page) => page.Items ?? []);
};

/** Every page of both indexes, each order once (one that is moving may be listed in both). */
export async function* everyPendingEntryPage(db: DocumentClient, table: string, query: (index: PendingIndex) => PendingQuery): AsyncGenerator<Entry[]> {
  const seen = new Set<string>();
  for (const index of PENDING_INDEXES) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(queryOf(table, index, query, start));
      const entries = (page.Items ?? []).filter((entry) => !seen.has(String(entry.PK)));
      for (const entry of entries) seen.add(String(entry.PK));
      yield entries;
      start = page.LastEvaluatedKey;
    } while (start);
  }
}
