/** What operating the event path needs: the dead-letter queues, as SQS shows them. */

export interface DeadLetterMessage {
  id: string;
  eventType: string | null;
  eventId: string | null;
  receiveCount: number;
  body: string;
}

export interface DeadLetterQueue {
  name: string;
  count: number;
  oldestAgeSeconds: number | null;
  messages: DeadLetterMessage[];
}

export interface DeadLetters {
  /** The queues that have a DLQ, each with a peek at its first messages (nothing is removed). */
  list(): Promise<DeadLetterQueue[]>;
  /** Moves every message of `queue`'s DLQ back to the queue (SQS StartMessageMoveTask). */
  redrive(queue: string): Promise<{ taskId: string }>;
  /** The names of the queues that have a DLQ. */
  names(): readonly string[];
}
