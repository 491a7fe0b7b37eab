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
/**
 * A consumer's claim on an event it applied (`processed-events.ts`). The facts the consumer states
 * in answer ride on it, as they would on an outbox item of their own: see `claimItem`.
 */
export const CLAIM_PREFIX = 'EVENT#';
export const outboxKey = (eventId: string) => ({ PK: `${PREFIX}${eventId}`, SK: 'OUTBOX' });

/**
 * The attributes that hold facts on an item (none for none): all of them in one compressed
 * attribute, since each item of a transaction is billed 2 write units per KB begun and facts are
 * JSON that compresses to about a third: an order's fact (2-3 KB) or three stock facts fit under
 * 1 KB. `time` stays readable (it orders the facts for whoever reads the table, and sets the TTL).
 */
export const factAttributes = (entries: readonly OutboxEntry[]) => {
  const [first] = entries;
  return first ? { time: first.time, entriesBr: compressText(JSON.stringify(entries)) } : {};
};

/**
 * The TransactItems that record a transaction's facts: one outbox item for all of them (none for
 * none), keyed by the first fact's event id: writing the same facts twice fails the transaction.
 */
export const putOutboxEntries = (table: string, entries: readonly OutboxEntry[]): TransactItem[] => {
  const [first] = entries;
  if (!first) return [];
  return [
    {
      Put: {
        TableName: table,
        Item: { ...outboxKey(first.eventId), ...factAttributes(entries), expiresAt: Math.floor(Date.parse(first.time) / 1000) + OUTBOX_RETENTION_SECONDS },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
};

type Stored = Uint8Array | string;

/**
 * The facts an item holds (as the document client reads it), in the order written: an outbox
 * item's, or a claim's that carries some; none for any other item. Outbox items written before
 * facts were grouped hold one entry: its detail compressed (`detailBr`), or as text before that.
 */
export const outboxEntriesOfItem = (item: Record<string, unknown>): OutboxEntry[] => {
  if (typeof item.PK !== 'string') return [];
  const outbox = item.PK.startsWith(PREFIX);
  if (!outbox && !item.PK.startsWith(CLAIM_PREFIX)) return [];
  if (item.entriesBr !== undefined) return JSON.parse(decompressText(item.entriesBr as Stored)) as OutboxEntry[];
  if (!outbox) return [];
  const detail = item.detailBr === undefined ? String(item.detail) : decompressText(item.detailBr as Stored);
  return [{ eventId: item.PK.slice(PREFIX.length), source: String(item.source), detailType: String(item.detailType), detail, time: String(item.time) }];
};

/** The facts a stream record's new image holds; none for any other item. */
export const outboxEntriesOf = (image: Record<string, AttributeValue> | undefined): OutboxEntry[] => (image ? outboxEntriesOfItem(unmarshall(image)) : []);

/**
 * The stream filters that invoke the relay (Lambda event filtering; a record passes when it
 * matches any): new outbox items, and new claims that carry facts. A claim without facts, the
 * table's other writes and TTL's deletions invoke nothing.
 */
const newOutboxItems = { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: PREFIX }] } } } };
const newClaimsWithFacts = { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: CLAIM_PREFIX }] } }, NewImage: { entriesBr: { B: [{ exists: true }] } } } };
export const outboxStreamFilters = [newOutboxItems, newClaimsWithFacts];
