import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { startTableStream } from '../../../infra/local/table-stream';

const streams = mockClient(DynamoDBStreamsClient);
afterEach(() => streams.reset());

const record = (seq: string): _Record => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: seq, Keys: { PK: { S: 'OUTBOX#x' }, SK: { S: seq } } } });
const trimmed = () => new TrimmedDataAccessException({ message: 'The operation attempted to read past the oldest stream record in a shard.', $metadata: {} });
const expired = () => new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });

/**
 * A stream of one shard. Iterators are named by where they start and numbered as handed out
 * (`TRIM_HORIZON:@1`), so the test reads what was asked; an iterator in `refused` is refused
 * every time it is used, as DynamoDB refuses a trimmed or expired one.
 */
const oneShard = (reads: Record<string, () => { Records: _Record[]; NextShardIterator: string }>, refused: Record<string, () => Error> = {}) => {
  let handedOut = 0;
  streams.on(ListStreamsCommand).resolves({ Streams: [{ StreamArn: 'arn:stream' }] });
  streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } });
  streams
    .on(GetShardIteratorCommand)
    .callsFake((input: { ShardIteratorType: string; SequenceNumber?: string }) => ({ ShardIterator: `${input.ShardIteratorType}:${input.SequenceNumber ?? ''}@${++handedOut}` }));
  streams.on(GetRecordsCommand).callsFake(({ ShardIterator }: { ShardIterator: string }) => {
    const refusal = refused[ShardIterator];
    if (refusal) throw refusal();
    const read = reads[ShardIterator.replace(/@\d+$/, '')];
    return read ? read() : { Records: [], NextShardIterator: ShardIterator };
  });
};

const caughtUpWithin = (stream: { caughtUp: () => Promise<void> }, ms: number) =>
  Promise.race([stream.caughtUp().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('the local table stream, when DynamoDB refuses an iterator', () => {
  it("reads a fresh shard again from its start when its first iterator is refused as trimmed (DynamoDB Local's bug)", async () => {
    oneShard({ 'TRIM_HORIZON:': () => ({ Records: [record('1'), record('2')], NextShardIterator: 'after-2' }) }, { 'TRIM_HORIZON:@1': trimmed });
    const handed: string[] = [];
    const stream = await startTableStream({ endpoint: 'http://127.0.0.1:1', tableName: 't', pollIntervalMs: 1 }, async ({ Records }) => {
      handed.push(...Records.map((r) => String(r.dynamodb?.SequenceNumber)));
    });
    expect(await caughtUpWithin(stream, 2000)).toBe(true);
    await stream.stop();
    expect(handed).toEqual(['1', '2']);
  });

  it('goes on after the last record it read when an iterator expires: nothing skipped, nothing twice', async () => {
    oneShard({
      'TRIM_HORIZON:': () => ({ Records: [record('1'), record('2')], NextShardIterator: 'stale' }),
      stale: () => {
        throw expired();
      },
      'AFTER_SEQUENCE_NUMBER:2': () => ({ Records: [record('3')], NextShardIterator: 'after-3' }),
    });
    const handed: string[] = [];
    const stream = await startTableStream({ endpoint: 'http://127.0.0.1:1', tableName: 't', pollIntervalMs: 1 }, async ({ Records }) => {
      handed.push(...Records.map((r) => String(r.dynamodb?.SequenceNumber)));
    });
    expect(await caughtUpWithin(stream, 2000)).toBe(true);
    await stream.stop();
    expect(handed).toEqual(['1', '2', '3']);
  });

  it('starts again at the failed record after a refused batch, even when the iterator to it then expires', async () => {
    let failures = 1;
    oneShard(
      {
        'TRIM_HORIZON:': () => ({ Records: [record('1'), record('2')], NextShardIterator: 'after-2' }),
        'AT_SEQUENCE_NUMBER:1': () => ({ Records: [record('1'), record('2')], NextShardIterator: 'after-2' }),
      },
      { 'AT_SEQUENCE_NUMBER:1@2': expired },
    );
    const handed: string[] = [];
    const stream = await startTableStream({ endpoint: 'http://127.0.0.1:1', tableName: 't', pollIntervalMs: 1, retryDelayMs: 1 }, async ({ Records }) => {
      if (failures-- > 0) throw new Error('the relay failed');
      handed.push(...Records.map((r) => String(r.dynamodb?.SequenceNumber)));
    });
    expect(await caughtUpWithin(stream, 2000)).toBe(true);
    await stream.stop();
    expect(handed).toEqual(['1', '2']);
  });
});
