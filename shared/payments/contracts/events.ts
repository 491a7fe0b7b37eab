import * as z from 'zod';
import { defineEvent, EventMoneySchema } from '#kernel/events';

/**
 * What Stripe told us about a payment, translated from its webhook into our own words. The
 * payments worker, not the webhook, decides what each means for the order.
 */
const PaymentFactSchema = z.object({
  orderId: z.string(),
  paymentIntentId: z.string(),
  amount: EventMoneySchema,
  stripeEventId: z.string(),
  /** When Stripe created the event: lets a consumer see that a delivery is stale. */
  occurredAt: z.string(),
});

export const PaymentSucceeded = defineEvent({
  name: 'PaymentSucceeded',
  source: 'commerce.payments',
  version: 1,
  description: 'Stripe confirmed that the PaymentIntent of an order succeeded; `amount` is what was received.',
  schema: PaymentFactSchema,
});

export const PaymentFailed = defineEvent({
  name: 'PaymentFailed',
  source: 'commerce.payments',
  version: 1,
  description: 'An attempt to pay an order failed (declined card…); the customer may retry until the order expires.',
  schema: PaymentFactSchema.extend({ reason: z.string().optional() }),
});

export const PaymentRequiresAction = defineEvent({
  name: 'PaymentRequiresAction',
  source: 'commerce.payments',
  version: 1,
  description: 'The bank asks the customer to authenticate (3-D Secure) before the payment can succeed.',
  schema: PaymentFactSchema,
});

export const PaymentCanceled = defineEvent({
  name: 'PaymentCanceled',
  source: 'commerce.payments',
  version: 1,
  description: 'The PaymentIntent of an order was canceled and can no longer be paid.',
  schema: PaymentFactSchema,
});

export const PaymentRefundedLate = defineEvent({
  name: 'PaymentRefundedLate',
  source: 'commerce.payments',
  version: 1,
  description: 'Money arrived for an order already cancelled (expired): it was refunded in full automatically.',
  schema: z.object({ orderId: z.string(), paymentIntentId: z.string(), refundId: z.string(), amount: EventMoneySchema }),
});

export const PaymentNeedsReview = defineEvent({
  name: 'PaymentNeedsReview',
  source: 'commerce.payments',
  version: 1,
  description: 'Stripe reported a payment whose amount or currency differs from the order total: the order is flagged, not paid.',
  schema: z.object({ orderId: z.string(), paymentIntentId: z.string(), expected: EventMoneySchema, received: EventMoneySchema }),
});
