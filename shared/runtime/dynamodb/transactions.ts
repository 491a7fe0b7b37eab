import { ConditionalCheckFailedException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * What DynamoDB refused in a write of `sendAllOrNone`, item by item, as a transaction's
 * cancellation codes (`None`, `ConditionalCheckFailed`, `TransactionConflict`…); a lone item's
 * refusal reads as the same codes. Undefined for any other error.
 */
export const cancellationCodes = (error: unknown): (string | undefined)[] | undefined => {
  if (error instanceof ConditionalCheckFailedException) return ['ConditionalCheckFailed'];
  if (error instanceof TransactionConflictException) return ['TransactionConflict'];
  if (error instanceof TransactionCanceledException) return (error.CancellationReasons ?? []).map((r) => r.Code);
  return undefined;
};

/**
 * Whether a write was refused because another write got there first (a condition on what was
 * read no longer holds, or a concurrent transaction on the same item): read again and retry.
 */
export const lostTheRace = (error: unknown): boolean => {
  const codes = cancellationCodes(error) ?? [];
  return codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict');
};

/**
 * Writes the items all or none, or throws what DynamoDB refused (`cancellationCodes` reads it). A
 * lone item goes as its own request: a write of one item is atomic by itself, and a transaction
 * would bill it twice (2 write units per KB instead of 1).
 */
export const sendAllOrNone = async (db: DocumentClient, items: readonly TransactItem[]): Promise<void> => {
  const [only, ...others] = items;
  if (only?.Put && others.length === 0) await db.send(new PutCommand(only.Put));
  else if (only?.Update && others.length === 0) await db.send(new UpdateCommand(only.Update));
  else if (only?.Delete && others.length === 0) await db.send(new DeleteCommand(only.Delete));
  else await db.send(new TransactWriteCommand({ TransactItems: [...items] }));
};

/** `sendAllOrNone`: true once written, false when it lost the race (`lostTheRace`). */
export const writeAllOrNone = async (db: DocumentClient, items: readonly TransactItem[]): Promise<boolean> => {
  try {
    await sendAllOrNone(db, items);
    return true;
  } catch (error) {
    if (lostTheRace(error)) return false;
    throw error;
  }
};

/**
 * Attempts at an item that every writer of its kind must win (a yearly gap-free counter), and the
 * pause after a lost one: exponential from 10 ms with full jitter, up to 3 s. In a burst, a cap of
 * a few hundred ms keeps every contender retrying at once, each attempt reads a number another is
 * about to take, and most give up; backing off up to seconds spreads them out, so each attempt
 * likely reads the latest number (200 payments at once on a fresh DynamoDB Local, as bench
 * section 6 runs them: all paid, where a 200 ms cap and 25 attempts paid 78 to 82 and gave up on the
 * rest). A lone writer still retries within milliseconds.
 */
export const CONTENDED_ATTEMPTS = 30;
export const pauseAfterLostRace = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(3_000, 10 * 2 ** attempt)));
