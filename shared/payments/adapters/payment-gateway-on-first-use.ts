import type { PaymentGateway } from '../app/ports';
import type { StripeConfig } from './stripe-keys';

/**
 * The Stripe gateway of a function that calls Stripe on some of its paths only: a payment that
 * came for an order no longer waiting for it (refunded), an expiry or a reconciliation that
 * finds a PaymentIntent to act on, a refund among the back office's other routes. Stripe's SDK
 * (some 70 KB as bundled, with the two resources we call), the Secrets Manager client and the
 * keys are loaded by the first call, through `import()`, instead of by every cold start. A load
 * that fails (the secret unreadable) is tried again by the next call rather than remembered.
 *
 * Checkout, which calls Stripe on every request, loads it at cold start (`loadPaymentGateway`).
 */
export const paymentGatewayOnFirstUse = (config: StripeConfig): PaymentGateway => {
  let loading: Promise<PaymentGateway> | undefined;
  const gateway = () =>
    (loading ??= import('./stripe-keys')
      .then((keys) => keys.loadPaymentGateway(config))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
  return {
    createPaymentIntent: async (input) => (await gateway()).createPaymentIntent(input),
    retrievePaymentIntent: async (paymentIntentId) => (await gateway()).retrievePaymentIntent(paymentIntentId),
    cancelPaymentIntent: async (paymentIntentId, idempotencyKey) => (await gateway()).cancelPaymentIntent(paymentIntentId, idempotencyKey),
    createRefund: async (input) => (await gateway()).createRefund(input),
    retrieveRefund: async (stripeRefundId) => (await gateway()).retrieveRefund(stripeRefundId),
  };
};
