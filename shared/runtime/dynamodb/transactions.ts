import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Whether a transaction was cancelled because another write got there first (a condition on what
 * was read no longer holds, or a concurrent transaction on the same item): read again and retry.
 */
export const lostTheRace = (error: unknown): boolean => {
  const codes = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
  return codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict');
};
