import { randomUUID } from 'node:crypto';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent } from '#kernel/events';
import { outboxEntry } from './outbox';
import { putEvents } from './put-events';

export class PublishError extends Error {
  override name = 'PublishError';
}

/**
 * Publishes events straight to the `commerce` bus, for facts with no state of ours to write
 * with them (a verified Stripe webhook). Each event is validated against its contract first and
 * given its id once: a partial PutEvents failure re-sends only the failed entries, with the same
 * ids; what still fails throws, so the caller's retry (Stripe's, the queue's) tries again.
 * An event that carries its own id (derived from Stripe's event id) keeps it.
 */
export const createEventBridgePublisher = (
  client: EventBridgeClient,
  busName: string,
  now: () => Date = () => new Date(),
): EventPublisher => ({
  async publish(events: readonly OutgoingEvent[], correlationId: string) {
    const entries = events.map((event: OutgoingEvent) => outboxEntry(event, { eventId: event.eventId ?? randomUUID(), correlationId, now: now() }));
    const { failed, errors } = await putEvents(client, busName, entries);
    if (failed.length > 0) throw new PublishError(`PutEvents failed for ${failed.length} event(s): ${errors.join('; ')}`);
  },
});
