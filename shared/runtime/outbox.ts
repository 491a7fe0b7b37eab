import type { OutgoingEvent } from '#kernel/events';

/**
 * A business fact as the outbox keeps it: everything EventBridge needs, its event id fixed when
 * the fact is written. The use case writes it in the same transaction as the state change; the
 * relay publishes it; a retried publication carries the same id, so consumers see one fact.
 */
export interface OutboxEntry {
  eventId: string;
  source: string;
  detailType: string;
  /** `{ metadata: { eventId, version, occurredAt, correlationId }, data }`, as JSON text. */
  detail: string;
  time: string;
}

/** The entry of one event, validated against its contract: a malformed fact is never written. */
export const outboxEntry = (event: OutgoingEvent, at: { eventId: string; correlationId: string; now: Date }): OutboxEntry => {
  const { contract } = event;
  const data = contract.schema.parse(event.data);
  const occurredAt = event.occurredAt ?? at.now.toISOString();
  return {
    eventId: at.eventId,
    source: contract.source,
    detailType: contract.name,
    detail: JSON.stringify({ metadata: { eventId: at.eventId, version: contract.version, occurredAt, correlationId: at.correlationId }, data }),
    time: occurredAt,
  };
};

/** The entries of the facts a use case states, each with its id (its own, or a new one). */
export const factsOf = (
  events: readonly OutgoingEvent[],
  at: { ids: () => string; correlationId: string; now: Date },
): OutboxEntry[] => events.map((event) => outboxEntry(event, { eventId: event.eventId ?? at.ids(), correlationId: at.correlationId, now: at.now }));
