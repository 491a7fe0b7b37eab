import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTableStream } from '../../../infra/local/table-stream';
import { freshTables } from '../../support/dynamo';

describe("the local table stream (DynamoDB Local's stream, read as Lambda reads it)", () => {
  let setup: Awaited<ReturnType<typeof freshTables>>;
  let stream: Awaited<ReturnType<typeof startTableStream>>;
  const handed: string[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    setup = await freshTables();
    stream = await startTableStream({ endpoint: setup.endpoint, tableName: setup.names.domain, retryDelayMs: 50 }, async ({ Records }: { Records: DynamoDBRecord[] }) => {
      // A worker that fails hands the batch back; it is delivered again from its first record.
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('the relay failed');
      }
      handed.push(...Records.map((r) => String(r.dynamodb?.Keys?.SK?.S)));
    });
  });
  afterAll(async () => {
    await stream.stop();
    setup.client.destroy();
  });

  const put = (sk: string) => setup.db.send(new PutCommand({ TableName: setup.names.domain, Item: { PK: 'OUTBOX#stream-test', SK: sk } }));

  it('is caught up only once every record written before the call was handed over, failed batches included', async () => {
    await stream.caughtUp();
    expect(handed).toEqual([]);
    failuresLeft = 2;
    for (const sk of ['a', 'b', 'c']) await put(sk);
    await stream.caughtUp();
    expect(failuresLeft).toBe(0);
    expect(handed).toEqual(['a', 'b', 'c']);
  });
});
