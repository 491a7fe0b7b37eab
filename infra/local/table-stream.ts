import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

type StreamWorker = (event: { Records: DynamoDBRecord[] }) => Promise<unknown>;

/**
 * A record as Lambda hands it: the event is JSON, so binary attributes arrive as base64 text and
 * the creation time as epoch seconds, where the SDK gives bytes and a Date.
 */
const asLambdaDelivers = (record: _Record): DynamoDBRecord =>
  JSON.parse(
    JSON.stringify(record, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      if (raw instanceof Uint8Array) return Buffer.from(raw).toString('base64');
      if (raw instanceof Date) return Math.floor(raw.getTime() / 1000);
      return value;
    }),
  ) as DynamoDBRecord;

/**
 * Reads DynamoDB Local's stream of a table the way Lambda's event source mapping reads
 * DynamoDB Streams: shard by shard, in order, a batch at a time; a batch the worker fails (it
 * throws, or reports a sequence number in `batchItemFailures`) is delivered again from the
 * failed record after a pause, so what follows it waits (ordering per shard is kept).
 */
export const startTableStream = async (
  options: { endpoint: string; tableName: string; batchSize?: number; pollIntervalMs?: number; retryDelayMs?: number; onError?: (error: unknown) => void },
  worker: StreamWorker,
  filter: (record: DynamoDBRecord) => boolean = () => true,
) => {
  const client = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Streams = [] } = await client.send(new ListStreamsCommand({ TableName: options.tableName }));
  const streamArn = Streams[0]?.StreamArn;
  if (!streamArn) throw new Error(`The table ${options.tableName} has no stream: the outbox relay cannot run.`);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  // Passes over every shard, counted so that `caughtUp` waits for one that began after its call.
  let pass = 0;
  let passHadRecords = false;
  const waiting: { after: number; resolve: () => void }[] = [];
  const iterators = new Map<string, string | undefined>();
  // Where each shard resumes when its iterator is refused: after the last record read, or at the
  // one a failed batch must start again from. Lambda keeps such a checkpoint too.
  const resumeAt = new Map<string, { ShardIteratorType: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; SequenceNumber: string }>();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const refreshShards = async () => {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      iterators.set(shard.ShardId, ShardIterator);
    }
  };

  /**
   * DynamoDB Local sometimes refuses a fresh table's first iterator as trimmed (aws/aws-sdk-java#2923),
   * and an unused iterator expires: the shard is read again from its checkpoint, nothing skipped.
   */
  const renewIterator = async (shardId: string) => {
    const at = resumeAt.get(shardId);
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...(at ?? { ShardIteratorType: 'TRIM_HORIZON' }) }));
    iterators.set(shardId, ShardIterator);
  };

  const readShard = async (shardId: string, iterator: string) => {
    try {
      return await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 100 }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      await renewIterator(shardId);
      // Not caught up: this shard was not read in this pass.
      passHadRecords = true;
      return undefined;
    }
  };

  const pollShard = async (shardId: string) => {
    const iterator = iterators.get(shardId);
    if (!iterator) return;
    const read = await readShard(shardId, iterator);
    if (!read) return;
    const { Records = [], NextShardIterator } = read;
    const relevant = Records.map(asLambdaDelivers).filter(filter);
    if (relevant.length > 0) passHadRecords = true;
    let retryFrom: string | undefined;
    if (relevant.length > 0) {
      try {
        const response = (await worker({ Records: relevant })) as DynamoDBBatchResponse | undefined;
        retryFrom = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        options.onError?.(error);
        retryFrom = relevant[0]?.dynamodb?.SequenceNumber;
      }
    }
    if (retryFrom) {
      await sleep(options.retryDelayMs ?? 200);
      resumeAt.set(shardId, { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: retryFrom });
      await renewIterator(shardId);
    } else {
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) resumeAt.set(shardId, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last });
      iterators.set(shardId, NextShardIterator);
    }
    return Records as _Record[];
  };

  const loop = async () => {
    while (!stopped) {
      pass += 1;
      passHadRecords = false;
      try {
        await refreshShards();
        for (const shardId of iterators.keys()) if (!stopped) await pollShard(shardId);
      } catch (error) {
        options.onError?.(error);
        passHadRecords = true;
      }
      if (!passHadRecords) {
        for (const w of waiting.filter((w) => w.after < pass)) w.resolve();
        waiting.splice(0, waiting.length, ...waiting.filter((w) => w.after >= pass));
      }
      await sleep(options.pollIntervalMs ?? 25);
    }
  };
  running = loop();
  return {
    /** Resolves after a pass over every shard, begun after this call, that found nothing to hand over. */
    caughtUp: () => new Promise<void>((resolve) => waiting.push({ after: pass, resolve })),
    stop: async () => {
      stopped = true;
      await running;
      client.destroy();
    },
  };
};
