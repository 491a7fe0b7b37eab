import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { outboxEntriesOf } from './dynamodb/outbox';
import type { OutboxEntry } from './outbox';

export type PublishEntries = (entries: readonly OutboxEntry[]) => Promise<{ failed: readonly OutboxEntry[]; errors: readonly string[] }>;

/**
 * The relay: publishes the events of the outbox items a batch of stream records carries, in their
 * order. `publish` retries failed entries itself, with their ids. What still fails is reported as the
 * sequence number of the first record it came from: Lambda checkpoints everything before it and
 * delivers the rest again (bisecting on errors, then the on-failure destination). Records after
 * it that were published go again with the same event ids, which consumers already dedupe.
 */
export const relayOutbox = async (records: readonly DynamoDBRecord[], publish: PublishEntries): Promise<DynamoDBBatchResponse & { published: number; errors: readonly string[] }> => {
  const pending = records.flatMap((record) => {
    if (record.eventName !== 'INSERT') return [];
    const entries = outboxEntriesOf(record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined);
    return entries.map((entry) => ({ entry, sequenceNumber: record.dynamodb?.SequenceNumber ?? '' }));
  });
  if (pending.length === 0) return { batchItemFailures: [], published: 0, errors: [] };
  const { failed, errors } = await publish(pending.map((p) => p.entry));
  const failedIds = new Set(failed.map((e) => e.eventId));
  const firstFailure = pending.find((p) => failedIds.has(p.entry.eventId));
  return {
    batchItemFailures: firstFailure ? [{ itemIdentifier: firstFailure.sequenceNumber }] : [],
    published: pending.length - failedIds.size,
    errors,
  };
};
