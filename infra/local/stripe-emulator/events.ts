import type Stripe from 'stripe';
import { newId, now, type Charge, type PaymentIntent, type Refund } from './objects';

/** The events the emulator sends: those of the PaymentIntents, Charges and Refunds we use. */
export type EventType =
  | 'payment_intent.created'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.requires_action'
  | 'payment_intent.canceled'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.refunded'
  | 'charge.refund.updated'
  | 'refund.created'
  | 'refund.updated'
  | 'refund.failed';

export type EventObject = PaymentIntent | Charge | Refund;

/** A Stripe Event (every field Stripe always sends), `data.object` a snapshot of the whole object. */
export interface StripeEvent extends Stripe.EventBase {
  type: EventType;
  data: { object: EventObject; previous_attributes?: Record<string, unknown> };
  request: { id: string | null; idempotency_key: string | null };
}

/** One event of a state change: its type, the object, and what the change overwrote. */
export interface Change {
  type: EventType;
  object: EventObject;
  previous?: Record<string, unknown>;
}

/** The API request that caused the events; none (`null`s) for what happens on its own later. */
export interface RequestContext {
  id: string | null;
  idempotencyKey: string | null;
}

export const buildEvent = (change: Change, apiVersion: string, request: RequestContext, pendingWebhooks: number): StripeEvent => ({
  id: newId('evt'),
  object: 'event',
  api_version: apiVersion,
  created: now(),
  data: {
    object: structuredClone(change.object),
    // Stripe sends the overwritten values with updates (`*.updated`) and with `charge.refunded`.
    ...(change.previous && { previous_attributes: structuredClone(change.previous) }),
  },
  livemode: false,
  pending_webhooks: pendingWebhooks,
  request: { id: request.id, idempotency_key: request.idempotencyKey },
  type: change.type,
});

/** Fisher–Yates with the given random source: Stripe does not guarantee the order of events. */
export const shuffle = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** A seeded random source (mulberry32), for runs that must vary yet repeat. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
