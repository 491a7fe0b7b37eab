import Stripe from 'stripe';
import { ValidationError } from '#domain/errors';
import type { Currency } from '#domain/money';
import type { PaymentAction } from '#domain/payment';

// Verifying a signature needs no API key; the SDK instance is only a way to reach `webhooks`.
const stripe = new Stripe('sk_unused_for_signature_checks');

/** Stripe's default tolerance: an event signed more than 5 minutes ago is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Checks the `Stripe-Signature` header against the exact bytes received; 400 when bad or stale. */
export const verifyStripeEvent = (rawBody: string, signature: string | undefined, secret: string, tolerance = SIGNATURE_TOLERANCE_SECONDS): Stripe.Event => {
  if (!signature) throw new ValidationError('The Stripe-Signature header is missing.', [{ path: 'header.stripe-signature', message: 'is required' }]);
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret, tolerance);
  } catch (error) {
    throw new ValidationError('The Stripe signature is not valid, or too old.', [{ path: 'header.stripe-signature', message: 'does not verify' }], { cause: error });
  }
};

const kinds: Partial<Record<Stripe.Event.Type, Exclude<PaymentAction['kind'], 'ignored'>>> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.requires_action': 'requires_action',
  'payment_intent.canceled': 'canceled',
};

/** What a verified event means for an order; events we do not use, or without an order, are ignored. */
export const toPaymentAction = (event: Stripe.Event): PaymentAction => {
  const kind = kinds[event.type];
  if (!kind || event.data.object.object !== 'payment_intent') return { kind: 'ignored', type: event.type };
  const intent = event.data.object as Stripe.PaymentIntent;
  const orderId = intent.metadata?.orderId;
  if (!orderId) return { kind: 'ignored', type: event.type };
  return {
    kind,
    paymentIntentId: intent.id,
    orderId,
    // What counts for a success is what was received, not what was asked.
    amount: { amount: kind === 'succeeded' ? intent.amount_received : intent.amount, currency: intent.currency.toUpperCase() as Currency },
    occurredAt: new Date(event.created * 1000).toISOString(),
    stripeEventId: event.id,
  };
};
