/** An email to a person. Plain text: the outbox and the tests read it as it is. */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
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
