import { receiveStripeWebhook } from '#app/receive-stripe-webhook';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { toPaymentAction, verifyStripeEvent } from '#adapters/stripe/webhook';
import { eventBridgeClient } from '#runtime/clients';
import { BusConfig, loadConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { loadStripeKeys } from '#runtime/stripe';

const config = loadConfig(BusConfig);
const { webhookSecret } = await loadStripeKeys();
const publisher = createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME);

/** Stripe's webhook: the signature is checked on the exact bytes received (400 if bad or stale). */
export const handler = httpHandler<'stripe-webhook'>({
  'POST /webhooks/stripe': ({ rawBody, headers, correlationId }) =>
    receiveStripeWebhook({ publisher }, toPaymentAction(verifyStripeEvent(rawBody, headers['stripe-signature'], webhookSecret)), correlationId),
});
