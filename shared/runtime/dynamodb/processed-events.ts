import type { OutboxEntry } from '../outbox';
import { CLAIM_PREFIX, factAttributes } from './outbox';

/** A consumer's claim on an event id. */
const claimKeys = (consumer: string, eventId: string) => ({ PK: `${CLAIM_PREFIX}${eventId}`, SK: `CONSUMER#${consumer}` });

/** How long a claim is remembered: longer than any redelivery (SQS keeps messages 14 days at most). */
const RETENTION_SECONDS = 15 * 24 * 3600;

/**
 * A consumer's claim on an event, as an item of the write that applies it: the effect and the
 * memory of having applied it are written together, and a second copy of the event fails on it.
 *
 * The facts the consumer states in answer ride on the claim, which the relay publishes as it does
 * an outbox item's (`outboxStreamFilters`): one item where there were two. A claim and its facts
 * with no other change is then one plain Put (1 write unit per KB) instead of a transaction of two
 * items (2 units per KB each); in a transaction, one item fewer.
 */
export const claimItem = (table: string, consumer: string, eventId: string, now: Date, facts: readonly OutboxEntry[] = []) => ({
  Put: {
    TableName: table,
    Item: { ...claimKeys(consumer, eventId), ...factAttributes(facts), expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});
