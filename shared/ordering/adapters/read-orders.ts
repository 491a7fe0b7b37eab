import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { Order } from '../domain/order';
import { orderFromItem } from './keys';

type Item = Record<string, unknown>;

/** Tries at reading the orders DynamoDB left unprocessed in a batch (throttling) before giving up. */
const BATCH_ATTEMPTS = 5;
/** BatchGetItem reads at most 100 keys a request. */
const BATCH_SIZE = 100;

/**
 * The orders behind index entries (GSI3 and GSI4 hold keys, not orders), in the entries' order.
 * BatchGet answers in any order and may leave some keys for later; an entry whose order is gone
 * is skipped. Eventually consistent, as the index that found them.
 */
export const readOrders = async (db: DocumentClient, table: string, entries: readonly Item[]): Promise<Order[]> => {
  const keys = entries.map((entry) => ({ PK: String(entry.PK), SK: String(entry.SK) }));
  const found = new Map<string, Item>();
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    let pending: Item[] = keys.slice(start, start + BATCH_SIZE);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} order(s) unread after ${BATCH_ATTEMPTS} attempts.`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      for (const item of Responses?.[table] ?? []) found.set(String(item.PK), item);
      pending = UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return keys.flatMap((key) => {
    const item = found.get(key.PK);
    return item ? [orderFromItem(item)] : [];
  });
};
