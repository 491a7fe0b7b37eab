import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxEntry } from '../outbox';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Outbox items in the domain table: one per event, written in the transaction of the state
 * change it reports. The table's stream carries each new one to the relay, which publishes it;
 * the item then only waits for TTL (a week: long enough to replay a stream's 24 hours).
 */
export const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

const PREFIX = 'OUTBOX#';
export const outboxKey = (eventId: string) => ({ PK: `${PREFIX}${eventId}`, SK: 'OUTBOX' });

/**
 * A transaction pays 2 write units per KB begun of each item, and an order's facts carry the
 * whole order (2 to 3 KB of JSON): the detail is stored brotli-compressed (about a third of its
 * size), which puts most outbox items under 1 KB. Quality 11 costs a few ms per event but gains
 * ~10% over the faster levels, which is what keeps the larger facts under the KB.
 */
const compressDetail = (detail: string): Uint8Array => {
  const json = Buffer.from(detail, 'utf8');
  return brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  });
};

/**
 * The detail's JSON text, byte for byte as it was written. Lambda hands a stream record's binary
 * attributes as base64 text (the event is JSON), the SDK as bytes: both are read. An item written
 * before details were compressed still has its `detail` as text.
 */
const detailOf = (item: Record<string, unknown>): string => {
  const compressed = item.detailBr;
  if (compressed === undefined) return String(item.detail);
  const bytes = typeof compressed === 'string' ? Buffer.from(compressed, 'base64') : (compressed as Uint8Array);
  return brotliDecompressSync(bytes).toString('utf8');
};

/**
 * The TransactItem that records an event; writing the same event id twice fails the transaction.
 * The event id is the key's suffix and is not stored again; `time` stays readable (it orders the
 * facts for whoever reads the table, and sets the TTL).
 */
export const putOutboxEntry = (table: string, entry: OutboxEntry): TransactItem => ({
  Put: {
    TableName: table,
    Item: {
      ...outboxKey(entry.eventId),
      source: entry.source,
      detailType: entry.detailType,
      time: entry.time,
      detailBr: compressDetail(entry.detail),
      expiresAt: Math.floor(Date.parse(entry.time) / 1000) + OUTBOX_RETENTION_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** The outbox entry an item holds (as the document client reads it), or undefined for any other item. */
export const outboxEntryOfItem = (item: Record<string, unknown>): OutboxEntry | undefined => {
  if (typeof item.PK !== 'string' || !item.PK.startsWith(PREFIX)) return undefined;
  return { eventId: item.PK.slice(PREFIX.length), source: String(item.source), detailType: String(item.detailType), detail: detailOf(item), time: String(item.time) };
};

/** The outbox entry a stream record's new image holds, or undefined for any other item. */
export const outboxEntryOf = (image: Record<string, AttributeValue> | undefined): OutboxEntry | undefined =>
  image?.PK?.S?.startsWith(PREFIX) ? outboxEntryOfItem(unmarshall(image)) : undefined;

/** The stream filter that invokes the relay for new outbox items only (Lambda event filtering). */
export const outboxStreamFilter = { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: PREFIX }] } } } };
