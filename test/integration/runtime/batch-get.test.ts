import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchGet } from '#runtime/dynamodb/batch-get';
import { commandsSentBy, freshTables } from '../../support/dynamo';

describe('batchGet on DynamoDB Local', () => {
  it('reads 150 items in two requests of at most 100 keys, finds each by its key, and leaves absent keys out', async () => {
    const { db, names } = await freshTables();
    const table = names.domain;
    const keys = Array.from({ length: 150 }, (_, i) => ({ PK: `ITEM#${i}`, SK: i % 2 === 0 ? 'EVEN' : 'ODD' }));
    for (let start = 0; start < keys.length; start += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [table]: keys.slice(start, start + 25).map((key, i) => ({ PutRequest: { Item: { ...key, n: start + i } } })) } }));
    }
    const sent = commandsSentBy(db);
    // Two keys with no item: one unknown, one whose PK exists under another SK.
    const wanted = [...keys, { PK: 'ITEM#none', SK: 'EVEN' }, { PK: 'ITEM#1', SK: 'EVEN' }];
    const found = await batchGet(db, table, wanted, { consistent: true });
    expect(sent).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
    expect(keys.map((key) => found.at(key)?.n)).toEqual(keys.map((_, i) => i));
    expect(found.at({ PK: 'ITEM#none', SK: 'EVEN' })).toBeUndefined();
    expect(found.at({ PK: 'ITEM#1', SK: 'EVEN' })).toBeUndefined();
    // No key, no request.
    expect((await batchGet(db, table, [])).at(keys[0]!)).toBeUndefined();
    expect(sent).toHaveLength(2);
    // A key given twice is read once: DynamoDB refuses a batch that repeats a key.
    const twice = await batchGet(db, table, [keys[3]!, keys[3]!, keys[4]!]);
    expect([twice.at(keys[3]!)?.n, twice.at(keys[4]!)?.n]).toEqual([3, 4]);
    expect(sent).toHaveLength(3);
  });
});
