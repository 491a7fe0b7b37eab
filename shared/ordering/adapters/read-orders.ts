import type { DocumentClient } from '#runtime/dynamodb/client';
import { batchGet } from '#runtime/dynamodb/batch-get';
import type { Order } from '../domain/order';
import { orderFromItem } from './keys';

type Item = Record<string, unknown>;

/**
 * The orders behind index entries (GSI3 and GSI4 hold keys, not orders), in the entries' order;
 * an entry whose order is gone is skipped. Eventually consistent, as the index that found them.
 */
export const readOrders = async (db: DocumentClient, table: string, entries: readonly Item[]): Promise<Order[]> => {
  const keys = entries.map((entry) => ({ PK: String(entry.PK), SK: String(entry.SK) }));
  const found = await batchGet(db, table, keys);
  return keys.flatMap((key) => {
    const item = found.at(key);
    return item ? [orderFromItem(item)] : [];
  });
};
