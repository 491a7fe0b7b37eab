import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StockChanged } from '#catalog/contracts/events';
import { eventOf } from '#kernel/events';
import { OrderPlaced } from '#ordering/contracts/events';
import { orderSnapshot } from '#ordering/app/order-view';
import { outboxKey, putOutboxEntry } from '#runtime/dynamodb/outbox';
import { outboxEntry, type OutboxEntry } from '#runtime/outbox';
import { relayOutbox } from '#runtime/outbox-relay';
import { aPendingOrder } from '../../fixtures/orders';

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
/** The item `putOutboxEntry` writes, as the table's stream carries it. */
const written = (e: OutboxEntry) => putOutboxEntry('t', e).Put!.Item as Record<string, unknown>;
const outboxRecord = (n: number, seq: string) => record(written(entry(n)), seq);
/** Lambda's event is JSON: a binary attribute arrives as base64 text, not bytes. */
const asLambdaJson = (r: DynamoDBRecord): DynamoDBRecord =>
  JSON.parse(
    JSON.stringify(r, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : value;
    }),
  ) as DynamoDBRecord;
const relayed = async (records: DynamoDBRecord[]) => {
  const sent: OutboxEntry[] = [];
  await relayOutbox(records, async (entries) => {
    sent.push(...entries);
    return { failed: [], errors: [] };
  });
  return sent;
};

describe('the outbox relay', () => {
  it('publishes the new outbox items of a batch, in order, and ignores every other record', async () => {
    const sent: OutboxEntry[] = [];
    const result = await relayOutbox(
      [outboxRecord(1, '100'), record({ PK: 'ORDER#x', SK: 'ORDER', status: 'paid' }, '101'), outboxRecord(2, '102'), record(written(entry(9)), '103', 'REMOVE')],
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

  it('publishes the detail exactly as it was written, from the compressed item, as Lambda and the SDK hand it', async () => {
    const placed = outboxEntry(eventOf(OrderPlaced, { order: orderSnapshot(aPendingOrder('o-1', { customer: { email: 'zoé@example.fr', locale: 'fr' } })) }), { eventId: 'e-placed', correlationId: 'c', now: new Date('2026-11-25T10:00:00Z') });
    const item = written(placed);
    // The item does not carry the JSON in clear, nor the event id twice: it is a fraction of it.
    expect(item).not.toHaveProperty('detail');
    expect(item).not.toHaveProperty('eventId');
    expect((item.detailBr as Uint8Array).length).toBeLessThan(Buffer.byteLength(placed.detail) / 2);
    const fromSdk = record(item, '1');
    expect(await relayed([fromSdk, asLambdaJson({ ...fromSdk, dynamodb: { ...fromSdk.dynamodb, SequenceNumber: '2' } })])).toEqual([placed, placed]);
  });

  it('still publishes an item written before details were compressed', async () => {
    const old = entry(4);
    expect(await relayed([record({ ...outboxKey(old.eventId), ...old, expiresAt: 1 }, '1')])).toEqual([old]);
  });
});
