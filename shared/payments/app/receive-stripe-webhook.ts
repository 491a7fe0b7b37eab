import { PaymentCanceled, PaymentFailed, PaymentActionRequired, PaymentSucceeded, RefundStatusReported } from '../contracts/events';
import type { PaymentAction } from '../domain/payment';
import { eventOf, type EventPublisher } from '#kernel/events';

const contracts = {
  succeeded: PaymentSucceeded,
  failed: PaymentFailed,
  requires_action: PaymentActionRequired,
  canceled: PaymentCanceled,
} as const;

/**
 * A verified Stripe webhook becomes a payment event on the bus; the payments worker decides what
 * it means. Event types we do not use are acknowledged and dropped. If publishing fails the
 * error propagates and the webhook answers 5xx, so that Stripe delivers it again.
 */
export const receiveStripeWebhook = async (
  deps: { publisher: EventPublisher },
  action: PaymentAction,
  correlationId: string,
): Promise<{ received: true; ignored?: string }> => {
  if (action.kind === 'ignored') return { received: true, ignored: action.type };
  if (action.kind === 'refund') {
    const { kind: _kind, ...fact } = action;
    await deps.publisher.publish([eventOf(RefundStatusReported, fact, `stripe-${action.stripeEventId}`)], correlationId);
    return { received: true };
  }
  const fact = {
    orderId: action.orderId,
    paymentIntentId: action.paymentIntentId,
    amount: action.amount,
    stripeEventId: action.stripeEventId,
    occurredAt: action.occurredAt,
  };
  // Stripe's event id makes the fact's id: a webhook Stripe delivers twice is one fact, published once in effect.
  await deps.publisher.publish([eventOf(contracts[action.kind], fact, `stripe-${action.stripeEventId}`)], correlationId);
  return { received: true };
};
