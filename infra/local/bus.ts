import { randomUUID } from 'node:crypto';
import { rules, type QueueName } from '#wiring';
import { matchesPattern } from './event-pattern';
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
}

/**
 * The in-process `commerce` bus: keeps every event it carried (for `GET /dev/events`), applies
 * each rule of the wiring, and sends what matches to the rule's queue, as EventBridge would.
 */
export class LocalBus {
  readonly carried: CarriedEvent[] = [];

  constructor(private readonly queues: Record<QueueName, LocalQueue>) {}

  put(entry: { source: string; detailType: string; detail: unknown; time?: Date }): string {
    const event: CarriedEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: '000000000000',
      time: (entry.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'eu-west-3',
      resources: [],
      detail: entry.detail,
    };
    this.carried.push(event);
    for (const rule of Object.values(rules)) {
      if (matchesPattern(rule.pattern as Parameters<typeof matchesPattern>[0], event)) this.queues[rule.queue].send(JSON.stringify(event));
    }
    return event.id;
  }
}
