import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { defineEvent, EventMoneySchema } from '#kernel/events';

/**
 * What Stripe told us about a payment, translated from its webhook into our own words. The
 * payments worker, not the webhook, decides what each means for the order. The order's number
 * and email come from the PaymentIntent as checkout made it (no read per webhook); its locale is
 * not there, as the shop gives Stripe nothing more of the customer than the email.
 */
/**
 * The order as people know it, on the events a person or a CRM acts on. Added in place (version
 * 1): events published before have neither.
 */
const orderNamedFields = () => ({
  orderNumber: z.optional(z.string().check(z.describe('The order number, as the customer knows it: 2026-000123.'))),
  customerEmail: z.optional(z.string().check(z.describe("The order's email."))),
});

const paymentFactSchema = /* @__PURE__ */ deferred(() => z.object({
  orderId: z.string(),
  // Added in place (version 1): events published before them have neither, nor do those of a
  // PaymentIntent made before checkout kept the number in its metadata.
  orderNumber: z.optional(z.string().check(z.describe('The order number, as the customer knows it: 2026-000123.'))),
  customerEmail: z.optional(z.string().check(z.describe("The PaymentIntent's receipt email: the order's email, as checkout gave it to Stripe (Stripe.js may change it when the customer pays)."))),
  paymentIntentId: z.string(),
  amount: EventMoneySchema,
  stripeEventId: z.string(),
  /** When Stripe created the event: lets a consumer see that a delivery is stale. */
  occurredAt: z.string(),
}));

export const PaymentSucceeded = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentSucceeded',
  source: 'commerce.payments',
  version: 1,
  description: 'Stripe confirmed that the PaymentIntent of an order succeeded; `amount` is what was received.',
  schema: () => paymentFactSchema,
}))();

export const PaymentFailed = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentFailed',
  source: 'commerce.payments',
  version: 1,
  description: 'An attempt to pay an order failed (declined card…); the customer may retry until the order expires.',
  // Each is Stripe's `last_payment_error` when it gives it; all added in place (version 1) but `reason`.
  schema: () => z.extend(paymentFactSchema, {
    reason: z.optional(z.string().check(z.describe("Stripe's message (`last_payment_error.message`); for a card error, fit to show the customer: 'Your card was declined.'"))),
    failureCode: z.optional(z.string().check(z.describe("Stripe's error code (`last_payment_error.code`): card_declined, expired_card, incorrect_cvc, processing_error…"))),
    declineCode: z.optional(z.string().check(z.describe("The bank's reason for a declined card (`last_payment_error.decline_code`): generic_decline, insufficient_funds, lost_card…"))),
  }),
}))();

export const PaymentActionRequired = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentActionRequired',
  source: 'commerce.payments',
  version: 1,
  description: 'The bank asks the customer to authenticate (3-D Secure) before the payment can succeed.',
  schema: () => z.extend(paymentFactSchema, {
    // Added in place (version 1).
    nextActionType: z.optional(z.string().check(z.describe("What the customer must do, in Stripe's words (`next_action.type`): use_stripe_sdk, redirect_to_url…"))),
  }),
}))();

export const PaymentCanceled = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentCanceled',
  source: 'commerce.payments',
  version: 1,
  description: 'The PaymentIntent of an order was canceled and can no longer be paid.',
  schema: () => paymentFactSchema,
}))();

export const PaymentRefundedLate = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentRefundedLate',
  source: 'commerce.payments',
  version: 1,
  description: 'Money arrived for an order already cancelled (expired): it was refunded in full automatically.',
  schema: () => z.object({ orderId: z.string(), ...orderNamedFields(), paymentIntentId: z.string(), refundId: z.string(), amount: EventMoneySchema }),
}))();

/**
 * Why a person must look at an order's money: a payment not applied to it because its
 * PaymentIntent is not the one created for it (`payment_intent_mismatch`: its metadata names an
 * order it does not belong to) or the amount received is not the order total (`amount_mismatch`);
 * or a refund made in Stripe (its dashboard) of more than the books said was left to refund
 * (`refund_beyond_what_is_left`: recorded as Stripe made it, since the money is gone).
 */
export const ReviewReasonSchema = /* @__PURE__ */ deferred(() => z.enum(['amount_mismatch', 'payment_intent_mismatch', 'refund_beyond_what_is_left']));
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

export const PaymentNeedsReview = /* @__PURE__ */ (() => defineEvent({
  name: 'PaymentNeedsReview',
  source: 'commerce.payments',
  version: 1,
  description:
    'Stripe reported a succeeded payment that is not the order\'s own PaymentIntent, or whose amount or currency differs from the order total: the order is flagged, not paid, and nothing is refunded. Or (`refund_beyond_what_is_left`) a refund made in Stripe gave back more than the books said was left: it is recorded as made, and a person must look.',
  // `reason` was added in place (version 1): a consumer that does not know it reads the rest as before;
  // so was its value `refund_beyond_what_is_left`.
  schema: () => z.object({
    orderId: z.string(),
    ...orderNamedFields(),
    paymentIntentId: z.string().check(z.describe('The PaymentIntent Stripe reported, which may not be the order\'s own.')),
    expected: EventMoneySchema.check(z.describe('The order total; for a refund beyond what is left, what the books said was left to refund.')),
    received: EventMoneySchema.check(z.describe('What Stripe received; for a refund beyond what is left, what Stripe refunded.')),
    reason: ReviewReasonSchema,
  }),
}))();

/** What Stripe says of a refund, whoever asked for it: the fields both refund reports carry. */
const refundNewsFields = () => ({
  stripeRefundId: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'requires_action', 'canceled']),
  amount: EventMoneySchema,
  failureReason: z.optional(z.string()),
  stripeEventId: z.string(),
  occurredAt: z.string(),
});

/**
 * What Stripe said about a refund we asked for (`refund.created`, `refund.updated`,
 * `refund.failed`), in our words: the refunds worker settles the refund from it. The ids come
 * from the metadata we gave Stripe when asking.
 */
export const RefundStatusReported = /* @__PURE__ */ (() => defineEvent({
  name: 'RefundStatusReported',
  source: 'commerce.payments',
  version: 1,
  description: "Stripe reported the status of a refund of an order (pending, succeeded, failed); the refunds worker settles it. One event per refund and status (its eventId is stripe-<refund id>-<status>, whichever of Stripe's events told it). Internal to the shop's workflow.",
  schema: () => z.object({ orderId: z.string(), refundId: z.string(), ...refundNewsFields() }),
}))();

/**
 * What Stripe said about a refund made in Stripe itself (its dashboard), outside our API: no
 * metadata of ours, only the PaymentIntent it refunds, whose metadata names the order. The
 * refunds worker records it on that order as a refund made outside the API, then settles it.
 */
export const ExternalRefundReported = /* @__PURE__ */ (() => defineEvent({
  name: 'ExternalRefundReported',
  source: 'commerce.payments',
  version: 1,
  description: "Stripe reported a refund made in Stripe (its dashboard), not through this API; the refunds worker records and settles it on the order its PaymentIntent names. One event per refund and status (its eventId is stripe-<refund id>-<status>). Internal to the shop's workflow.",
  schema: () => z.object({ paymentIntentId: z.string(), ...refundNewsFields() }),
}))();
