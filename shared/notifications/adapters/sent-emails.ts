import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { EmailKey, SentEmails } from '../app/ports';

/** One item per email of one fact (the least-privilege test builds it too). */
export const emailKey = ({ eventId, template }: EmailKey) => ({ PK: `EMAIL#${eventId}#${template}`, SK: 'EMAIL' });

/**
 * How long an email is remembered: longer than the bus archive keeps events to replay (365 days),
 * so no replay ever finds a fact whose email was forgotten.
 */
const RETENTION_SECONDS = 400 * 24 * 3600;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The memory of sent emails in the domain table. The lease is a conditional put: it holds when no
 * record exists, when the record is past its `expiresAt` (TTL deletes late), or when it is an
 * earlier copy's lease that ran out; a record "sent" or a live lease refuses it, and the refusal
 * returns the record, which says which of the two it was.
 */
export const createSentEmails = (db: DocumentClient, tableName: string): SentEmails => ({
  async lease(key, lease, now) {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...emailKey(key), state: 'sending', leaseId: lease.id, leaseUntil: lease.until.toISOString(), expiresAt: seconds(now) + RETENTION_SECONDS },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :nowSeconds OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':nowSeconds': seconds(now), ':sending': 'sending', ':now': now.toISOString() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'leased';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item?.state?.S === 'sent' ? 'sent' : 'busy';
    }
  },
  async markSent(key, leaseId, now) {
    // Unconditional on purpose: the email went out, whoever holds the lease now.
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: emailKey(key),
        UpdateExpression: 'SET #state = :sent, sentAt = :now, leaseId = :lease, expiresAt = :expires REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':lease': leaseId, ':expires': seconds(now) + RETENTION_SECONDS },
      }),
    );
  },
  async release(key, leaseId) {
    try {
      await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: emailKey(key),
          // Another copy may have taken over an expired lease, or sent: its record stays.
          ConditionExpression: '#state = :sending AND leaseId = :lease',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':lease': leaseId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
});
