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

/** The TransactItem that records an event; writing the same event id twice fails the transaction. */
export const putOutboxEntry = (table: string, entry: OutboxEntry): TransactItem => ({
  Put: {
    TableName: table,
    Item: { ...outboxKey(entry.eventId), ...entry, expiresAt: Math.floor(Date.parse(entry.time) / 1000) + OUTBOX_RETENTION_SECONDS },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** The outbox entry a stream record's new image holds, or undefined for any other item. */
export const outboxEntryOf = (image: Record<string, AttributeValue> | undefined): OutboxEntry | undefined => {
  if (!image?.PK?.S?.startsWith(PREFIX)) return undefined;
  const { eventId, source, detailType, detail, time } = unmarshall(image) as OutboxEntry;
  return { eventId, source, detailType, detail, time };
};

/** The stream filter that invokes the relay for new outbox items only (Lambda event filtering). */
export const outboxStreamFilter = { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: PREFIX }] } } } };
