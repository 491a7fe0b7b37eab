import { createHmac } from 'node:crypto';
import { buildEvent, shuffle, type Change, type EventObject, type EventType, type RequestContext, type StripeEvent } from './events';

export type { StripeEvent } from './events';

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" with the endpoint secret>`. */
export const signPayload = (payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;

/** Delivery faults, as Stripe may cause them: the same event twice, events late (and so out of order). */
export interface ChaosOptions {
  random: () => number;
  /** Share of delivered events delivered once more (0..1). */
  duplicateRate: number;
  /** Late events wait up to this long, letting later ones overtake them. */
  maxDelayMs: number;
  /** Share of events that are late (0..1); half by default. */
  lateRate?: number;
}

export interface WebhookOptions {
  url?: string;
  secret: string;
  apiVersion: string;
  /** Delays between attempts, in ms (Stripe retries for days; locally, quickly). */
  retryDelaysMs?: readonly number[];
  /** Given, the events of one state change go out in an order drawn from it (Stripe promises no order). */
  random?: () => number;
  chaos?: ChaosOptions;
}

/**
 * Delivers events to the webhook endpoint, one at a time, signed as Stripe signs them, retrying
 * with backoff until a 2xx, the events behind a refused one going on meanwhile. By default in the
 * order they happened; with `random`, the events of
 * one state change are shuffled; with `chaos`, some are late and some delivered twice. Tests may
 * pause delivery, let events pile up, and deliver them again or out of order.
 */
export class WebhookSender {
  readonly events: StripeEvent[] = [];
  readonly attempts: { eventId: string; status: number | 'unreachable' }[] = [];
  readonly chaosInjected = { webhookRedeliveries: 0, lateDeliveries: 0 };
  private queue: StripeEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private paused = false;
  private running: Promise<void> | undefined;
  private request: RequestContext = { id: null, idempotencyKey: null };
  /** Failed attempts of the events being retried, by event id. */
  private readonly failedAttempts = new Map<string, number>();

  constructor(private readonly options: WebhookOptions) {}

  /** Runs `work` (synchronous) as part of an API request: its events name that request. */
  during<T>(request: RequestContext, work: () => T): T {
    const outer = this.request;
    this.request = request;
    try {
      return work();
    } finally {
      this.request = outer;
    }
  }

  /** Records the events of one state change and sends them. */
  publish(changes: readonly Change[]): StripeEvent[] {
    const pending = this.options.url ? 1 : 0;
    const events = changes.map((change) => buildEvent(change, this.options.apiVersion, this.request, pending));
    this.events.push(...events);
    const random = this.options.random ?? this.options.chaos?.random;
    const order = random ? shuffle(events, random) : events;
    const chaos = this.options.chaos;
    for (const event of order) {
      if (chaos && chaos.random() < (chaos.lateRate ?? 0.5)) {
        this.chaosInjected.lateDeliveries++;
        this.later(event, chaos.random() * chaos.maxDelayMs);
      } else {
        this.enqueue([event]);
      }
    }
    return events;
  }

  /** One event on its own. */
  emit(type: EventType, object: EventObject, previous?: Record<string, unknown>): StripeEvent {
    return this.publish([{ type, object, ...(previous && { previous }) }])[0] as StripeEvent;
  }

  /** Sends these events (again), in this order. */
  deliver(ids: readonly string[]): void {
    const events = ids.map((id) => this.events.find((e) => e.id === id)).filter((e): e is StripeEvent => e !== undefined);
    this.enqueue(events);
  }

  pause(): void {
    this.paused = true;
  }

  /** Resumes delivery; what piled up is dropped if `discard` (a test then delivers in its own order). */
  resume(options: { discard?: boolean } = {}): void {
    if (options.discard) this.queue = [];
    this.paused = false;
    this.kick();
  }

  /** Stops for good: nothing more is sent, late deliveries are dropped. */
  stop(): void {
    this.paused = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Resolves when nothing is left to deliver, late ones included (or delivery is paused). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (!this.paused && this.timers.size > 0) await new Promise((r) => setTimeout(r, 5));
      else return;
    }
  }

  private later(event: StripeEvent, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue([event]);
    }, delayMs);
    this.timers.add(timer);
  }

  private enqueue(events: StripeEvent[]): void {
    this.queue.push(...events);
    this.kick();
  }

  private kick(): void {
    if (this.running || this.paused || !this.options.url) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 && !this.paused) this.kick();
    });
  }

  /**
   * Sends what is queued, one at a time. An event the endpoint refuses is tried again later, as
   * Stripe retries it, while the events behind it go on: a retried event arrives after later
   * ones. After its last retry it is given up.
   */
  private async drain(): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [100, 200, 400, 800, 1600, 3200, 6400];
    while (this.queue.length > 0 && !this.paused) {
      const event = this.queue.shift() as StripeEvent;
      if (await this.send(event)) {
        this.failedAttempts.delete(event.id);
        this.afterDelivery(event);
        continue;
      }
      const failed = this.failedAttempts.get(event.id) ?? 0;
      if (failed < delays.length) {
        this.failedAttempts.set(event.id, failed + 1);
        this.later(event, delays[failed] ?? 0);
      } else {
        this.failedAttempts.delete(event.id);
      }
    }
  }

  private afterDelivery(event: StripeEvent): void {
    event.pending_webhooks = 0;
    const chaos = this.options.chaos;
    if (chaos && chaos.random() < chaos.duplicateRate) {
      this.chaosInjected.webhookRedeliveries++;
      this.later(event, chaos.random() * chaos.maxDelayMs);
    }
  }

  private async send(event: StripeEvent): Promise<boolean> {
    const payload = JSON.stringify(event, null, 2);
    try {
      const response = await fetch(this.options.url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signPayload(payload, this.options.secret), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      this.attempts.push({ eventId: event.id, status: response.status });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      this.attempts.push({ eventId: event.id, status: 'unreachable' });
      return false;
    }
  }
}
