import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcessedEvents } from '#kernel/events';
import type { DocumentClient } from './client';

/** A consumer's claim on an event id. */
const processedEventKeys = (consumer: string, eventId: string) => ({ PK: `EVENT#${eventId}`, SK: `CONSUMER#${consumer}` });

/** How long a claim is remembered: longer than any redelivery (SQS keeps messages 14 days at most). */
const RETENTION_SECONDS = 15 * 24 * 3600;

export const createProcessedEvents = (db: DocumentClient, tableName: string, now: () => Date): ProcessedEvents => ({
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
