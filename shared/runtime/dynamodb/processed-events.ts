import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimedFacts, ProcessedEvents } from '#kernel/events';
import type { OutboxEntry } from '../outbox';
import { putOutboxEntries } from './outbox';
import type { DocumentClient } from './client';

/** A consumer's claim on an event id. */
const processedEventKeys = (consumer: string, eventId: string) => ({ PK: `EVENT#${eventId}`, SK: `CONSUMER#${consumer}` });

/** How long a claim is remembered: longer than any redelivery (SQS keeps messages 14 days at most). */
const RETENTION_SECONDS = 15 * 24 * 3600;

/**
 * A consumer's claim on an event as one item of its own transaction: the effect and the memory
 * of having applied it are written together, and a second copy of the event fails on it.
 */
export const claimItem = (table: string, consumer: string, eventId: string, now: Date) => ({
  Put: {
    TableName: table,
    Item: { ...processedEventKeys(consumer, eventId), expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export const createProcessedEvents = (db: DocumentClient, tableName: string, now: () => Date): ProcessedEvents & ClaimedFacts<OutboxEntry> => ({
  async claimWith(consumer, eventId, facts) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...processedEventKeys(consumer, eventId), expiresAt: Math.floor(now().getTime() / 1000) + RETENTION_SECONDS },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...putOutboxEntries(tableName, facts),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  },
  async claim(consumer, eventId) {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...processedEventKeys(consumer, eventId), expiresAt: Math.floor(now().getTime() / 1000) + RETENTION_SECONDS },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
  async release(consumer, eventId) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: processedEventKeys(consumer, eventId) }));
  },
});
