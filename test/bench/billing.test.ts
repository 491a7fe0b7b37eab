import { describe, expect, it } from 'vitest';
import { BILLED_FAILURES, failedWriteUnits, indexesOf, indexWriteUnits, tableWriteUnits, targetIndexUnits, writeTargets } from './billing';

const kb = 1024;

describe('write units as AWS bills them (the bench meter, where DynamoDB Local reports less)', () => {
  it('bills each item of a transaction 2 units per KB begun: a Put by its size, an Update by the larger of before and after', () => {
    const targets = writeTargets('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 't', Item: { PK: 'ORDER#1', SK: 'ORDER', note: 'x'.repeat(1500) } } },
        { Update: { TableName: 't', Key: { PK: 'PRODUCT#A', SK: 'PRODUCT' }, UpdateExpression: 'SET a = :a' } },
        { ConditionCheck: { TableName: 't', Key: { PK: 'PROMOTION#P', SK: 'PROMOTION' }, ConditionExpression: 'attribute_exists(PK)' } },
      ],
    });
    expect(targets.map((t) => [t.kind, t.key.PK?.S])).toEqual([
      ['Put', 'ORDER#1'],
      ['Update', 'PRODUCT#A'],
      ['ConditionCheck', 'PROMOTION#P'],
    ]);
    // Put: 1.5 KB → 2 KB → 4 units. Update: 300 B before, 1.1 KB after → 4. ConditionCheck: 200 B → 2.
    expect(tableWriteUnits(targets, [0, 300, 200], [1500, 1.1 * kb, 200], true)).toBe(4 + 4 + 2);
  });

  it('bills a single write 1 unit per KB begun, a Put that replaces a larger item by the larger', () => {
    const put = writeTargets('PutItem', { TableName: 't', Item: { PK: 'CART#1', SK: 'CART', lines: 'x'.repeat(100) } });
    expect(tableWriteUnits(put, [0], [0], false)).toBe(1);
    expect(tableWriteUnits(put, [2.5 * kb], [0], false)).toBe(3);
    const update = writeTargets('UpdateItem', { TableName: 't', Key: { PK: 'CART#1', SK: 'CART' } });
    expect(tableWriteUnits(update, [900], [1100], false)).toBe(2);
  });

  it('reads the keys of raw (marshalled) requests as those of the document client', () => {
    const raw = writeTargets('PutItem', { TableName: 'idempotency', Item: { id: { S: 'fn#abc' }, data: { S: 'x' } } });
    expect(raw[0]?.key).toEqual({ id: { S: 'fn#abc' } });
    const doc = writeTargets('PutItem', { TableName: 'idempotency', Item: { id: 'fn#abc', data: 'x' } });
    expect(doc[0]?.key).toEqual({ id: { S: 'fn#abc' } });
    expect(writeTargets('GetItem', { TableName: 't', Key: { PK: 'x' } })).toEqual([]);
  });

  it('takes the index units as reported, index by index', () => {
    expect(indexWriteUnits([{ TableName: 't', CapacityUnits: 9, Table: { CapacityUnits: 5 }, GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 2 }, GSI4: { CapacityUnits: 2 } } }])).toBe(4);
    expect(indexWriteUnits([{ TableName: 't', CapacityUnits: 1 }])).toBe(0);
  });

  it('bills a write refused by its condition as if it had run: a Put by the larger item, an Update by the stored one, at least 1 unit', () => {
    const put = writeTargets('PutItem', { TableName: 't', Item: { PK: 'EVENT#1', SK: 'EVENT', facts: 'x'.repeat(1500) } });
    // The record was already there (its 500 B): the new item's 1.5 KB → 2 units.
    expect(failedWriteUnits(put, [500], false)).toEqual([2]);
    const update = writeTargets('UpdateItem', { TableName: 't', Key: { PK: 'ORDER#1', SK: 'ORDER' } });
    expect(failedWriteUnits(update, [1.5 * kb], false)).toEqual([2]);
    // No item: still 1 unit.
    expect(failedWriteUnits(update, [0], false)).toEqual([1]);
  });

  it('bills a cancelled transaction each of its items as a failed transactional write', () => {
    const targets = writeTargets('TransactWriteItems', {
      TransactItems: [
        { Update: { TableName: 't', Key: { PK: 'COUNTER#2026', SK: 'COUNTER' } } },
        { Put: { TableName: 't', Item: { PK: 'ORDER#1', SK: 'REFUND#1', note: 'x'.repeat(100) } } },
        { ConditionCheck: { TableName: 't', Key: { PK: 'ORDER#1', SK: 'ORDER' } } },
      ],
    });
    expect(failedWriteUnits(targets, [80, 0, 1.2 * kb], true)).toEqual([2, 2, 4]);
    expect([...BILLED_FAILURES].sort()).toEqual(['ConditionalCheckFailedException', 'TransactionCanceledException']);
  });

  it('shares an index\'s reported units among the items of the request that carry its key', () => {
    expect(indexesOf({ PK: { S: 'PRODUCT#A' }, GSI1PK: { S: 'CATALOG' }, GSI2PK: { S: 'CATEGORY#x' }, GSI1SK: { S: 'a' } })).toEqual(['GSI1', 'GSI2']);
    const consumed = [{ TableName: 't', GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 4 }, GSI4: { CapacityUnits: 2 } } }];
    // The order is in GSI1 and GSI4, each of the three products in GSI1.
    expect(targetIndexUnits(consumed, [['GSI1', 'GSI4'], ['GSI1'], ['GSI1'], ['GSI1'], []])).toEqual([3, 1, 1, 1, 0]);
  });
});
