import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cancellationCodes, sendAllOrNone, writeAllOrNone } from '#runtime/dynamodb/transactions';
import { commandsSentBy, freshTables } from '../../support/dynamo';

describe('writeAllOrNone on DynamoDB Local', () => {
  const setUp = async () => {
    const { db, names } = await freshTables();
    const sent = commandsSentBy(db);
    const table = names.domain;
    const put = (pk: string) => ({ Put: { TableName: table, Item: { PK: pk, SK: 'S', n: 1 }, ConditionExpression: 'attribute_not_exists(PK)' } });
    const bump = (pk: string, expected: number) => ({
      Update: { TableName: table, Key: { PK: pk, SK: 'S' }, UpdateExpression: 'SET n = :next', ConditionExpression: 'n = :expected', ExpressionAttributeValues: { ':next': expected + 1, ':expected': expected } },
    });
    const read = async (pk: string) => (await db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK: 'S' }, ConsistentRead: true }))).Item;
    return { db, sent, put, bump, read };
  };

  it('writes a lone item as its own request, not a transaction, and answers false when its condition fails', async () => {
    const { db, sent, put, bump, read } = await setUp();
    expect(await writeAllOrNone(db, [put('A')])).toBe(true);
    expect(await writeAllOrNone(db, [bump('A', 1)])).toBe(true);
    expect(await writeAllOrNone(db, [bump('A', 1)])).toBe(false);
    expect(await writeAllOrNone(db, [put('A')])).toBe(false);
    expect(sent).toEqual(['PutItemCommand', 'UpdateItemCommand', 'UpdateItemCommand', 'PutItemCommand']);
    expect(await read('A')).toMatchObject({ n: 2 });
  });

  it('writes several items in one transaction: none of them when one condition fails', async () => {
    const { db, sent, put, bump, read } = await setUp();
    await writeAllOrNone(db, [put('B')]);
    expect(await writeAllOrNone(db, [put('C'), bump('B', 5)])).toBe(false);
    expect(await read('C')).toBeUndefined();
    expect(await writeAllOrNone(db, [put('C'), bump('B', 1)])).toBe(true);
    expect(await read('C')).toMatchObject({ n: 1 });
    expect(await read('B')).toMatchObject({ n: 2 });
    expect(sent.slice(1).filter((name) => !name.startsWith('Get'))).toEqual(['TransactWriteItemsCommand', 'TransactWriteItemsCommand']);
  });

  it("reads a lone item's refusal and a transaction's, item by item, as the same cancellation codes", async () => {
    const { db, put, bump } = await setUp();
    await writeAllOrNone(db, [put('D')]);
    const refusal = (items: Parameters<typeof sendAllOrNone>[1]) => sendAllOrNone(db, items).then(() => undefined, cancellationCodes);
    expect(await refusal([put('D')])).toEqual(['ConditionalCheckFailed']);
    expect(await refusal([put('E'), bump('D', 7)])).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await refusal([put('E')])).toBeUndefined();
  });
});
