import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { OutboxEntry } from './outbox';

/** PutEvents takes at most 10 entries a call, and at most 256 KB of them. */
export const MAX_CALL_ENTRIES = 10;
export const MAX_CALL_BYTES = 256 * 1024;

/**
 * An entry's size as EventBridge counts it against the 256 KB (docs: "Calculating PutEvents event
 * entry size"): 14 bytes for `Time`, and the UTF-8 bytes of `Source`, `DetailType` and `Detail`.
 */
export const entryBytes = (source: string, detailType: string, detail: string): number =>
  14 + Buffer.byteLength(source) + Buffer.byteLength(detailType) + Buffer.byteLength(detail);

export const entrySize = (entry: OutboxEntry): number => entryBytes(entry.source, entry.detailType, entry.detail);

/**
 * The entries cut into calls EventBridge accepts: at most 10 and 256 KB each, in their order. A
 * call over 256 KB is refused whole (a `ValidationException`), so ten large events (orders of
 * many lines) must go in more calls; an entry over 256 KB alone can never be put.
 */
export const callsOf = (entries: readonly OutboxEntry[]): { calls: OutboxEntry[][]; tooLarge: OutboxEntry[] } => {
  const calls: OutboxEntry[][] = [];
  const tooLarge: OutboxEntry[] = [];
  let call: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_CALL_BYTES) {
      tooLarge.push(entry);
      continue;
    }
    if (call.length === MAX_CALL_ENTRIES || bytes + size > MAX_CALL_BYTES) {
      calls.push(call);
      call = [];
      bytes = 0;
    }
    call.push(entry);
    bytes += size;
  }
  if (call.length > 0) calls.push(call);
  return { calls, tooLarge };
};

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
  const { tooLarge } = callsOf(entries);
  for (const entry of tooLarge) errors.push(`${entry.detailType} ${entry.eventId}: over EventBridge's 256 KB (${entrySize(entry)} bytes), never publishable`);
  let pending = entries.filter((e) => !tooLarge.includes(e));
  for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep((options.backoffMs ?? 50) * 2 ** (attempt - 2));
    const failed: OutboxEntry[] = [];
    for (const batch of callsOf(pending).calls) {
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
  return { failed: [...tooLarge, ...pending], errors };
};

const toRequestEntry = (busName: string, entry: OutboxEntry): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: entry.source,
  DetailType: entry.detailType,
  Time: new Date(entry.time),
  Detail: entry.detail,
});
