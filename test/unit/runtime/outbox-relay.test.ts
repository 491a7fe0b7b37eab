import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StockChanged } from '#catalog/contracts/events';
import { eventOf } from '#kernel/events';
import { outboxKey } from '#runtime/dynamodb/outbox';
import { outboxEntry, type OutboxEntry } from '#runtime/outbox';
import { relayOutbox } from '#runtime/outbox-relay';

const entry = (n: number) =>
  outboxEntry(eventOf(StockChanged, { sku: `SKU-${n}`, previous: 2, available: 1, reason: 'adjustment', low: true }), {
    eventId: `event-${n}`,
    correlationId: 'c',
    now: new Date('2026-11-25T10:00:00Z'),
  });
const record = (item: Record<string, unknown>, sequenceNumber: string, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventName,
  dynamodb: { SequenceNumber: sequenceNumber, NewImage: marshall(item) as never, Keys: marshall({ PK: item.PK, SK: item.SK }) as never },
});
const outboxRecord = (n: number, seq: string) => record({ ...outboxKey(`event-${n}`), ...entry(n), expiresAt: 1 }, seq);

describe('the outbox relay', () => {
  it('publishes the new outbox items of a batch, in order, and ignores every other record', async () => {
    const sent: OutboxEntry[] = [];
    const result = await relayOutbox(
      [outboxRecord(1, '100'), record({ PK: 'ORDER#x', SK: 'ORDER', status: 'paid' }, '101'), outboxRecord(2, '102'), record({ ...outboxKey('event-9'), ...entry(9) }, '103', 'REMOVE')],
      async (entries) => {
        sent.push(...entries);
        return { failed: [], errors: [] };
      },
    );
    expect(sent.map((e) => e.eventId)).toEqual(['event-1', 'event-2']);
    expect(sent[0]).toEqual(entry(1));
    expect(result).toMatchObject({ batchItemFailures: [], published: 2 });
  });

  it('reports the first record whose event could not be published, so Lambda resumes there', async () => {
    const result = await relayOutbox([outboxRecord(1, '100'), outboxRecord(2, '101'), outboxRecord(3, '102')], async (entries) => ({
      failed: entries.filter((e) => e.eventId !== 'event-1'),
      errors: ['InternalFailure'],
    }));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
    expect(result.published).toBe(1);
  });
});
