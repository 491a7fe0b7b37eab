/**
 * Ports every context shares. Adapters in `shared/adapters` implement them; use cases take
 * them as arguments, so tests can hand in fakes and the domain stays free of AWS.
 */

/** The time now. Passed in, never read from `Date.now()` inside the domain. */
export type Clock = () => Date;

/** A new unique id. Passed in, never generated inside the domain. */
export type IdGenerator = () => string;

/** A business fact to publish; `name` is one of the contracts in `shared/contracts/events`. */
export interface OutgoingEvent {
  name: string;
  data: unknown;
}

export interface EventPublisher {
  /** Publishes all events or throws; the caller has already written its state. */
  publish(events: readonly OutgoingEvent[], correlationId: string): Promise<void>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Remembers which events a consumer has handled, so a redelivered event does nothing twice.
 * `claim` returns false when the event was already claimed; `release` undoes a claim whose
 * work failed, so the retry can do it.
 */
export interface ProcessedEvents {
  claim(consumer: string, eventId: string): Promise<boolean>;
  release(consumer: string, eventId: string): Promise<void>;
}
