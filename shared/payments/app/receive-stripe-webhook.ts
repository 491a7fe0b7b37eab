import { ExternalRefundReported, PaymentCanceled, PaymentFailed, PaymentActionRequired, PaymentSucceeded, RefundStatusReported } from '../contracts/events';
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
 *
 * Every delivery of one Stripe event makes the same envelope: its id derives from Stripe's event
 * id (a webhook Stripe delivers twice is one fact, published once in effect), it occurred when
 * Stripe created the event, and it is correlated by Stripe's event id, which the logs of what
 * follows then carry (a redelivery is a new HTTP request, so the request's id would differ).
 *
 * A refund's status is told by several Stripe events at once (a failure by `refund.updated`,
 * `refund.failed` and `charge.refund.updated`): its report's id derives from the refund and the
 * status instead, so that those events make one fact, whichever of them comes first. A refund
 * takes each status at most once (pending, then succeeded or failed, succeeded then failed).
 */
export const receiveStripeWebhook = async (deps: { publisher: EventPublisher }, action: PaymentAction): Promise<{ received: true; ignored?: string }> => {
  if (action.kind === 'ignored') return { received: true, ignored: action.type };
  const identity = { eventId: `stripe-${action.stripeEventId}`, occurredAt: action.occurredAt };
  const correlationId = action.stripeEventId;
  if (action.kind === 'refund' || action.kind === 'external_refund') {
    const report = { ...identity, eventId: `stripe-${action.stripeRefundId}-${action.status}` };
    if (action.kind === 'refund') {
      const { kind: _kind, ...fact } = action;
      await deps.publisher.publish([eventOf(RefundStatusReported, fact, report)], correlationId);
    } else {
      const { kind: _kind, ...fact } = action;
      await deps.publisher.publish([eventOf(ExternalRefundReported, fact, report)], correlationId);
    }
    return { received: true };
  }
  const { kind, ...fact } = action;
  await deps.publisher.publish([eventOf(contracts[kind], fact, identity)], correlationId);
  return { received: true };
};
