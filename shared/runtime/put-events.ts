import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { OutboxEntry } from './outbox';

/** PutEvents takes at most 10 entries a call. */
const BATCH = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PutEventsOptions {
  /** Calls per entry before giving up on it (the caller then retries later, same ids). */
  attempts?: number;
  backoffMs?: number;
}

/**
 * Publishes entries to the bus and returns those that could not be published. PutEvents can
 * succeed as a call yet fail some entries (`FailedEntryCount`): only the failed entries are sent
 * again, unchanged, so an event already accepted is never sent twice by this call, and a retried
 * one keeps its event id.
 */
export const putEvents = async (
  client: EventBridgeClient,
  busName: string,
  entries: readonly OutboxEntry[],
  options: PutEventsOptions = {},
): Promise<{ failed: OutboxEntry[]; errors: string[] }> => {
  const attempts = options.attempts ?? 3;
  const errors: string[] = [];
  let pending = [...entries];
  for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep((options.backoffMs ?? 50) * 2 ** (attempt - 2));
    const failed: OutboxEntry[] = [];
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending.slice(i, i + BATCH);
      try {
        const result = await client.send(new PutEventsCommand({ Entries: batch.map((e) => toRequestEntry(busName, e)) }));
        (result.Entries ?? []).forEach((outcome, j) => {
          if (!outcome.ErrorCode) return;
          failed.push(batch[j]!);
          errors.push(`${batch[j]!.detailType} ${batch[j]!.eventId}: ${outcome.ErrorCode} ${outcome.ErrorMessage ?? ''}`.trim());
        });
        // Entries beyond what EventBridge answered for were not accepted either.
        failed.push(...batch.slice(result.Entries?.length ?? 0));
      } catch (error) {
        failed.push(...batch);
        errors.push(`PutEvents: ${(error as Error).message}`);
      }
    }
    pending = failed;
  }
  return { failed: pending, errors };
};

const toRequestEntry = (busName: string, entry: OutboxEntry): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: entry.source,
  DetailType: entry.detailType,
  Time: new Date(entry.time),
  Detail: entry.detail,
});
