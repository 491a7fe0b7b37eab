import { randomUUID } from 'node:crypto';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent } from '#kernel/events';

/** PutEvents takes at most 10 entries a call. */
const BATCH = 10;

export class PublishError extends Error {
  override name = 'PublishError';
}

/**
 * Publishes events to the `commerce` bus. Each event is validated against its contract first,
 * so a malformed fact never leaves the function. PutEvents can succeed as a call yet fail some
 * entries: `FailedEntryCount` is checked and a partial failure throws.
 */
export const createEventBridgePublisher = (
  client: EventBridgeClient,
  busName: string,
  now: () => Date = () => new Date(),
): EventPublisher => ({
  async publish(events: readonly OutgoingEvent[], correlationId: string) {
    const entries: PutEventsRequestEntry[] = events.map((event) => {
      const { contract } = event;
      const data = contract.schema.parse(event.data);
      const occurredAt = now();
      return {
        EventBusName: busName,
        Source: contract.source,
        DetailType: contract.name,
        Time: occurredAt,
        Detail: JSON.stringify({
          metadata: { eventId: randomUUID(), version: contract.version, occurredAt: occurredAt.toISOString(), correlationId },
          data,
        }),
      };
    });
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const result = await client.send(new PutEventsCommand({ Entries: batch }));
      if ((result.FailedEntryCount ?? 0) > 0) {
        const failures = (result.Entries ?? [])
          .map((e, j) => (e.ErrorCode ? `${batch[j]?.DetailType}: ${e.ErrorCode} ${e.ErrorMessage ?? ''}` : undefined))
          .filter(Boolean);
        throw new PublishError(`PutEvents failed for ${result.FailedEntryCount} event(s): ${failures.join('; ')}`);
      }
    }
  },
});
