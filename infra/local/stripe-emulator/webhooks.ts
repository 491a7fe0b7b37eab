import { createHmac, randomBytes } from 'node:crypto';

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" with the endpoint secret>`. */
export const signPayload = (payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;

export interface WebhookOptions {
  url?: string;
  secret: string;
  /** Delays between attempts, in ms (Stripe retries for days; locally, quickly). */
  retryDelaysMs?: readonly number[];
}

/**
 * Delivers events to the webhook endpoint, one at a time in the order they happened, signed as
 * Stripe signs them, retrying with exponential backoff until a 2xx. Tests may pause delivery,
 * let events pile up, and deliver them again or out of order.
 */
export class WebhookSender {
  readonly events: StripeEvent[] = [];
  readonly attempts: { eventId: string; status: number | 'unreachable' }[] = [];
  private queue: StripeEvent[] = [];
  private paused = false;
  private running: Promise<void> | undefined;

  constructor(private readonly options: WebhookOptions) {}

  emit(type: string, object: unknown, request: { idempotencyKey?: string } = {}): StripeEvent {
    const event: StripeEvent = {
      id: `evt_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: `req_${randomBytes(8).toString('hex')}`, idempotency_key: request.idempotencyKey ?? null },
    };
    this.events.push(event);
    this.enqueue([event]);
    return event;
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

  /** Resolves when nothing is left to deliver (or delivery is paused). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
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

  private async drain(): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [100, 200, 400, 800, 1600, 3200, 6400];
    while (this.queue.length > 0 && !this.paused) {
      const event = this.queue.shift() as StripeEvent;
      for (let attempt = 0; attempt <= delays.length; attempt++) {
        if (await this.send(event)) break;
        if (attempt < delays.length) await new Promise((r) => setTimeout(r, delays[attempt]));
      }
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
