import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxEntry } from '../outbox';
import { compressText, decompressText } from './compressed-text';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Outbox items in the domain table: one per transaction, holding the events of the state change
 * it writes. The table's stream carries each new one to the relay, which publishes it;
 * the item then only waits for TTL (a week: long enough to replay a stream's 24 hours).
 */
export const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

const PREFIX = 'OUTBOX#';
export const outboxKey = (eventId: string) => ({ PK: `${PREFIX}${eventId}`, SK: 'OUTBOX' });

/**
 * The TransactItems that record a transaction's facts: one outbox item for all of them (none for
 * none). Each item of a transaction is billed 2 write units per KB begun, and facts are JSON that
 * compresses to about a third: an order's fact (2-3 KB) or three stock facts fit in one item under
 * 1 KB, 2 units instead of 2 per fact. Keyed by the first fact's event id: writing the same facts
 * twice fails the transaction. `time` stays readable (it orders the facts for whoever reads the
 * table, and sets the TTL).
 */
export const putOutboxEntries = (table: string, entries: readonly OutboxEntry[]): TransactItem[] => {
  const [first] = entries;
  if (!first) return [];
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...outboxKey(first.eventId),
          time: first.time,
          entriesBr: compressText(JSON.stringify(entries)),
          expiresAt: Math.floor(Date.parse(first.time) / 1000) + OUTBOX_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
};

type Stored = Uint8Array | string;

/**
 * The outbox entries an item holds (as the document client reads it), in the order written; none
 * for any other item. Items written before facts were grouped hold one entry: its detail
 * compressed (`detailBr`), or as text before that.
 */
export const outboxEntriesOfItem = (item: Record<string, unknown>): OutboxEntry[] => {
  if (typeof item.PK !== 'string' || !item.PK.startsWith(PREFIX)) return [];
  if (item.entriesBr !== undefined) return JSON.parse(decompressText(item.entriesBr as Stored)) as OutboxEntry[];
  const detail = item.detailBr === undefined ? String(item.detail) : decompressText(item.detailBr as Stored);
  return [{ eventId: item.PK.slice(PREFIX.length), source: String(item.source), detailType: String(item.detailType), detail, time: String(item.time) }];
};

/** The outbox entries a stream record's new image holds; none for any other item. */
export const outboxEntriesOf = (image: Record<string, AttributeValue> | undefined): OutboxEntry[] =>
  image?.PK?.S?.startsWith(PREFIX) ? outboxEntriesOfItem(unmarshall(image)) : [];

/** The stream filter that invokes the relay for new outbox items only (Lambda event filtering). */
export const outboxStreamFilter = { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: PREFIX }] } } } };
