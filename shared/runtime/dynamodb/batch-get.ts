import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from './client';

type Item = Record<string, unknown>;
type Key = { PK: string; SK: string };

/** Tries at reading the keys DynamoDB left unprocessed in a batch (throttling) before giving up. */
const BATCH_ATTEMPTS = 5;
/** BatchGetItem reads at most 100 keys a request. */
const BATCH_SIZE = 100;

const idOf = (key: Key) => `${key.PK}\n${key.SK}`;

/**
 * The items at these keys, in one BatchGetItem per 100 keys: one round trip where reading them one
 * by one would wait for each. A key given twice is read once (DynamoDB refuses a batch that
 * repeats one). DynamoDB answers in any order and may leave keys for later (read again, with a
 * pause); a key with no item is simply absent. The answer finds an item by its key.
 */
export const batchGet = async (db: DocumentClient, table: string, keys: readonly Key[], options: { consistent?: boolean } = {}) => {
  const found = new Map<string, Item>();
  const unique = [...new Map(keys.map(({ PK, SK }) => [idOf({ PK, SK }), { PK, SK }])).values()];
  for (let start = 0; start < unique.length; start += BATCH_SIZE) {
    let pending: Item[] = unique.slice(start, start + BATCH_SIZE);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} item(s) unread after ${BATCH_ATTEMPTS} attempts.`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await db.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...(options.consistent && { ConsistentRead: true }) } } }),
      );
      for (const item of Responses?.[table] ?? []) found.set(idOf({ PK: String(item.PK), SK: String(item.SK) }), item);
      pending = UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return { at: (key: Key): Item | undefined => found.get(idOf(key)) };
};
