import { loadStripeKeys } from '#payments/adapters/stripe-keys';
import { toPaymentAction, verifyStripeEvent } from '#payments/adapters/stripe-webhook';
import { receiveStripeWebhook } from '#payments/app/receive-stripe-webhook';
import { paymentsFunctions } from '#payments/functions';
import { stripeWebhookRoutes } from '#payments/routes';
import { eventBridgeClient } from '#runtime/event-bridge-client';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(paymentsFunctions, 'stripe-webhook');
const { webhookSecret } = await loadStripeKeys(config.stripe);
const publisher = createEventBridgePublisher(eventBridgeClient, config.bus.EVENT_BUS_NAME, systemClock);

/** Stripe's webhook: the signature is checked on the exact bytes received (400 if bad or stale). */
export const handler = httpHandler(stripeWebhookRoutes, 'stripe-webhook', {
  'POST /webhooks/stripe': ({ rawBody, headers }) => receiveStripeWebhook({ publisher }, toPaymentAction(verifyStripeEvent(rawBody, headers['stripe-signature'], webhookSecret))),
});
