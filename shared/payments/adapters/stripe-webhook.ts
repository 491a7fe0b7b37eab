import Stripe from 'stripe';
import * as z from 'zod/mini';
import { ValidationError } from '#kernel/errors';
import '#kernel/zod-locale';
import type { Currency } from '#kernel/money';
import type { PaymentAction } from '../domain/payment';

// Verifying a signature needs no API key; the SDK instance is only a way to reach `webhooks`
// (it needs no resource; infra/aws/esbuild-worker.mjs says which ones the bundles keep).
const stripe: Pick<Stripe, 'webhooks'> = new Stripe('sk_unused_for_signature_checks');

/** Stripe's default tolerance: an event signed more than 5 minutes ago is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signing time of a `Stripe-Signature` header, read as stripe-node reads it (the last `t=`). */
const signedAt = (header: string): number =>
  header.split(',').reduce((at, part) => (part.startsWith('t=') ? Number.parseInt(part.slice(2), 10) : at), Number.NaN);

/**
 * Checks the `Stripe-Signature` header against the exact bytes received; 400 when bad or stale,
 * or when the body it signs is not a JSON object. stripe-node refuses only what was signed too
 * long ago: a signature dated ahead would stay replayable until its date, so one dated more than
 * the tolerance ahead of this clock is refused too (what is within it passes: clocks drift).
 */
export const verifyStripeEvent = (rawBody: string, signature: string | undefined, secret: string, tolerance = SIGNATURE_TOLERANCE_SECONDS, now = Date.now()): Stripe.Event => {
  if (!signature) throw new ValidationError('The Stripe-Signature header is missing.', [{ path: 'header.stripe-signature', message: 'is required' }]);
  let event: unknown;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret, tolerance, undefined, now);
  } catch (error) {
    // constructEvent parses the body once the signature holds: a SyntaxError is the body's fault.
    if (error instanceof SyntaxError) throw new ValidationError('The signed body is not JSON.', [{ path: 'body', message: 'is not valid JSON' }], { cause: error });
    throw new ValidationError('The Stripe signature is not valid, or too old.', [{ path: 'header.stripe-signature', message: 'does not verify' }], { cause: error });
  }
  if (signedAt(signature) - Math.floor(now / 1000) > tolerance) {
    throw new ValidationError('The Stripe signature is dated in the future.', [{ path: 'header.stripe-signature', message: `is dated more than ${tolerance} seconds ahead` }]);
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ValidationError('The signed body is not a Stripe event.', [{ path: 'body', message: 'must be a JSON object' }]);
  }
  return event as Stripe.Event;
};

const kinds: Partial<Record<Stripe.Event.Type, Exclude<PaymentAction['kind'], 'ignored' | 'refund' | 'external_refund'>>> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.requires_action': 'requires_action',
  'payment_intent.canceled': 'canceled',
};

// The parts of a PaymentIntent event we rely on. Signed is not the same as well formed: a body
// that verifies but lacks these is refused with a 400 naming the field, never a 500.
const PaymentIntentEvent = z.object({
  id: z.string().check(z.minLength(1)),
  created: z.number().check(z.int(), z.positive()),
  data: z.object({
    object: z.object({
      id: z.string().check(z.minLength(1)),
      amount: z.number().check(z.int(), z.nonnegative()),
      amount_received: z.optional(z.number().check(z.int(), z.nonnegative())),
      currency: z.string().check(z.length(3)),
      metadata: z.nullish(z.record(z.string(), z.string())),
      receipt_email: z.nullish(z.string()),
      last_payment_error: z.nullish(z.object({ code: z.nullish(z.string()), decline_code: z.nullish(z.string()), message: z.nullish(z.string()) })),
      next_action: z.nullish(z.object({ type: z.string() })),
    }),
  }),
});

// A refund event: the refund object, with the metadata we gave it (`orderId`, `refundId`).
const RefundEvent = z.object({
  id: z.string().check(z.minLength(1)),
  created: z.number().check(z.int(), z.positive()),
  data: z.object({
    object: z.object({
      id: z.string().check(z.minLength(1)),
      amount: z.number().check(z.int(), z.nonnegative()),
      currency: z.string().check(z.length(3)),
      status: z.enum(['pending', 'succeeded', 'failed', 'requires_action', 'canceled']),
      failure_reason: z.nullish(z.string()),
      metadata: z.nullish(z.record(z.string(), z.string())),
      payment_intent: z.nullish(z.string()),
    }),
  }),
});

const refundTypes: readonly string[] = ['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated'];

/**
 * The events a deployed webhook endpoint subscribes to (README, "Deploy to AWS"): each one is acted
 * on. Others are acknowledged and ignored, but each delivery still costs an API request and an
 * invocation; `charge.refund.updated` repeats `refund.updated` and is left out.
 */
export const subscribedStripeEvents: readonly string[] = [...Object.keys(kinds), 'refund.created', 'refund.updated', 'refund.failed'];

/**
 * A refund's news. One we asked for carries our `orderId` and `refundId`. One without our metadata
 * was made in Stripe itself (its dashboard): it is reported by its PaymentIntent, whose metadata
 * names the order. One with an `orderId` and no `refundId` is ours too (a late payment refunded
 * automatically, recorded when made) and is ignored, as is a refund of no PaymentIntent.
 */
const toRefundAction = (event: Stripe.Event): PaymentAction => {
  const parsed = RefundEvent.safeParse(event);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ValidationError(`The Stripe event is not a well-formed ${event.type}: ${errors.map((e) => e.path).join(', ')}.`, errors);
  }
  const refund = parsed.data.data.object;
  const { orderId, refundId } = refund.metadata ?? {};
  const news = {
    stripeRefundId: refund.id,
    status: refund.status,
    amount: { amount: refund.amount, currency: refund.currency.toUpperCase() as Currency },
    ...(refund.failure_reason && { failureReason: refund.failure_reason }),
    occurredAt: new Date(parsed.data.created * 1000).toISOString(),
    stripeEventId: parsed.data.id,
  };
  if (!orderId && refund.payment_intent) return { kind: 'external_refund', paymentIntentId: refund.payment_intent, ...news };
  if (!orderId || !refundId) return { kind: 'ignored', type: event.type };
  return { kind: 'refund', orderId, refundId, ...news };
};

/**
 * What a verified event means for an order; events we do not use, or without an order, are
 * ignored. `charge.refunded` is acknowledged without action: the refund events it comes with
 * carry the same news, refund by refund (with our ids, or made in Stripe's dashboard).
 */
export const toPaymentAction = (event: Stripe.Event): PaymentAction => {
  if (refundTypes.includes(event.type) && (event.data?.object as { object?: string } | undefined)?.object === 'refund') return toRefundAction(event);
  const kind = kinds[event.type];
  if (!kind || (event.data?.object as { object?: string } | undefined)?.object !== 'payment_intent') return { kind: 'ignored', type: event.type };
  const parsed = PaymentIntentEvent.safeParse(event);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ValidationError(`The Stripe event is not a well-formed ${event.type}: ${errors.map((e) => e.path).join(', ')}.`, errors);
  }
  const intent = parsed.data.data.object;
  const { orderId, orderNumber } = intent.metadata ?? {};
  if (!orderId) return { kind: 'ignored', type: event.type };
  const news = {
    paymentIntentId: intent.id,
    orderId,
    ...(orderNumber && { orderNumber }),
    ...(intent.receipt_email && { customerEmail: intent.receipt_email }),
    // What counts for a success is what was received, not what was asked.
    amount: { amount: kind === 'succeeded' ? (intent.amount_received ?? 0) : intent.amount, currency: intent.currency.toUpperCase() as Currency },
    occurredAt: new Date(parsed.data.created * 1000).toISOString(),
    stripeEventId: parsed.data.id,
  };
  if (kind === 'failed') {
    const error = intent.last_payment_error;
    return {
      kind,
      ...news,
      ...(error?.code && { failureCode: error.code }),
      ...(error?.decline_code && { declineCode: error.decline_code }),
      ...(error?.message && { reason: error.message }),
    };
  }
  if (kind === 'requires_action') return { kind, ...news, ...(intent.next_action && { nextActionType: intent.next_action.type }) };
  return { kind, ...news };
};
