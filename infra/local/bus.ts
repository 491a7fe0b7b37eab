import { randomUUID } from 'node:crypto';
import { rules as wiringRules, type QueueName, type RuleSpec } from '#wiring';
import { assertValidPattern, matchesPattern } from './event-pattern';
import type { LocalQueue } from './queue';

/** An event as EventBridge hands it to a target. */
export interface CarriedEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  /** Set on events delivered again by a replay from the archive, as EventBridge sets it. */
  'replay-name'?: string;
}

type Rules = Readonly<Record<string, Pick<RuleSpec, 'pattern' | 'queue'>>>;
type Queues = Readonly<Record<string, Pick<LocalQueue, 'send'>>>;

/**
 * Checks every rule's pattern as EventBridge's PutRule would, so that a bad pattern in the wiring
 * stops the runtime at start with the reason, instead of failing on the first event.
 */
export const assertValidRules = (rules: Rules): void => {
  for (const [name, rule] of Object.entries(rules)) {
    try {
      assertValidPattern(rule.pattern);
    } catch (error) {
      throw new Error(`The rule feeding queue ${name} has an invalid ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
    }
  }
};

/** EventBridge's `time`: RFC 3339 to the second. */
const eventTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The in-process `commerce` bus: keeps every event it carried (for `GET /dev/events`, and as the
 * bus's archive for replays), applies each rule of the wiring, and sends what matches to the
 * rule's queue, as EventBridge would.
 */
export class LocalBus {
  readonly carried: CarriedEvent[] = [];
  private replays = 0;

  constructor(
    private readonly queues: Queues,
    private readonly options: { rules?: Rules; clock?: () => Date } = {},
  ) {
    assertValidRules(this.rules);
  }

  private get rules(): Rules {
    return this.options.rules ?? (wiringRules as Rules);
  }

  /** PutEvents for one entry: without a `time`, the event takes the time of the call (the runtime's clock). */
  put(entry: { source: string; detailType: string; detail: unknown; time?: Date }): string {
    const event: CarriedEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: '000000000000',
      time: eventTime(entry.time ?? this.options.clock?.() ?? new Date()),
      region: 'eu-west-3',
      resources: [],
      detail: entry.detail,
    };
    this.carried.push(event);
    this.route(event);
    return event.id;
  }

  /**
   * Delivers every event carried so far to the rules again, as an EventBridge archive replay does:
   * the same events (same `id`, same `detail`, so the same `detail.metadata.eventId`), oldest
   * first, each with a `replay-name` field. Replayed events are not archived again, so
   * `carried` is unchanged. Returns the replay's name and how many events it delivered.
   */
  replay(): { replayName: string; events: number } {
    const replayName = `local-replay-${++this.replays}`;
    const events = [...this.carried].sort((a, b) => a.time.localeCompare(b.time));
    for (const event of events) this.route({ ...event, 'replay-name': replayName });
    return { replayName, events: events.length };
  }

  private route(event: CarriedEvent): void {
    for (const rule of Object.values(this.rules)) {
      if (matchesPattern(rule.pattern as Parameters<typeof matchesPattern>[0], event)) this.queues[rule.queue as QueueName]?.send(JSON.stringify(event));
    }
  }
}
