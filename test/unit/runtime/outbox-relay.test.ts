import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StockChanged } from '#catalog/contracts/events';
import { eventOf } from '#kernel/events';
import { OrderPlaced } from '#ordering/contracts/events';
import { orderSnapshot } from '#ordering/app/order-view';
import { compressText } from '#runtime/dynamodb/compressed-text';
import { outboxKey, outboxStreamFilters, putOutboxEntries } from '#runtime/dynamodb/outbox';
import { claimItem } from '#runtime/dynamodb/processed-events';
import { matchesPattern } from '../../../infra/local/event-pattern';
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
/** The item `putOutboxEntries` writes for these facts, as the table's stream carries it. */
const written = (...e: OutboxEntry[]) => putOutboxEntries('t', e)[0]!.Put!.Item as Record<string, unknown>;
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

  it("publishes every fact of a transaction's one outbox item, in order, and writes no item for none", async () => {
    const item = written(entry(1), entry(2), entry(3));
    expect(item.PK).toBe('OUTBOX#event-1');
    expect(await relayed([record(item, '100')])).toEqual([entry(1), entry(2), entry(3)]);
    expect(putOutboxEntries('t', [])).toEqual([]);
  });

  it('reports the record of a grouped fact that could not be published: the whole item goes again, with the same ids', async () => {
    const result = await relayOutbox([outboxRecord(1, '100'), record(written(entry(2), entry(3)), '101')], async (entries) => ({
      failed: entries.filter((e) => e.eventId === 'event-3'),
      errors: ['InternalFailure'],
    }));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
    expect(result.published).toBe(2);
  });

  it('publishes the detail exactly as it was written, from the compressed item, as Lambda and the SDK hand it', async () => {
    const placed = outboxEntry(eventOf(OrderPlaced, { order: orderSnapshot(aPendingOrder('o-1', { customer: { email: 'zoé@example.fr', locale: 'fr' } })) }), { eventId: 'e-placed', correlationId: 'c', now: new Date('2026-11-25T10:00:00Z') });
    const item = written(placed);
    // The item does not carry the JSON in clear: it is a fraction of it.
    expect(item).not.toHaveProperty('detail');
    expect((item.entriesBr as Uint8Array).length).toBeLessThan(Buffer.byteLength(placed.detail) / 2);
    const fromSdk = record(item, '1');
    expect(await relayed([fromSdk, asLambdaJson({ ...fromSdk, dynamodb: { ...fromSdk.dynamodb, SequenceNumber: '2' } })])).toEqual([placed, placed]);
  });

  it('still publishes the items written one per fact, before facts were grouped, and before details were compressed', async () => {
    const old = entry(4);
    const { eventId, detail, ...rest } = entry(5);
    const compressedOnly = { ...outboxKey(eventId), ...rest, detailBr: compressText(detail), expiresAt: 1 };
    expect(await relayed([record({ ...outboxKey(old.eventId), ...old, expiresAt: 1 }, '1'), record(compressedOnly, '2')])).toEqual([old, entry(5)]);
  });

  it("publishes the facts a consumer's claim carries, and nothing for a claim without facts", async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const carrying = claimItem('t', 'inventory', 'e-placed', now, [entry(1), entry(2)]).Put.Item;
    const bare = claimItem('t', 'inventory', 'e-other', now).Put.Item;
    expect(carrying).toMatchObject({ PK: 'EVENT#e-placed', SK: 'CONSUMER#inventory' });
    expect(bare).not.toHaveProperty('entriesBr');
    expect(await relayed([record(carrying, '1'), asLambdaJson(record(carrying, '2')), record(bare, '3')])).toEqual([entry(1), entry(2), entry(1), entry(2)]);
  });
});

describe("the relay's stream filters (Lambda event filtering; the local stream applies the same)", () => {
  const now = new Date('2026-11-25T10:00:00Z');
  // Lambda filters the record as its JSON event: binary attributes as base64 text.
  const passes = (r: DynamoDBRecord) => outboxStreamFilters.some((filter) => matchesPattern(filter, asLambdaJson(r)));

  it('invoke the relay for new outbox items and new claims that carry facts', () => {
    expect(passes(outboxRecord(1, '1'))).toBe(true);
    expect(passes(record(claimItem('t', 'inventory', 'e-1', now, [entry(1)]).Put.Item, '2'))).toBe(true);
  });

  it('leave out claims without facts, other items, and what is not an insert', () => {
    expect(passes(record(claimItem('t', 'inventory', 'e-1', now).Put.Item, '1'))).toBe(false);
    expect(passes(record({ PK: 'ORDER#x', SK: 'ORDER', status: 'paid', entriesBr: compressText('[]') }, '2'))).toBe(false);
    expect(passes(record(written(entry(1)), '3', 'MODIFY'))).toBe(false);
    expect(passes(record(written(entry(1)), '4', 'REMOVE'))).toBe(false);
  });
});
