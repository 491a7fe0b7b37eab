import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * The EventBridge client, for the two functions that publish to the bus themselves (the outbox
 * relay, Stripe's webhook); the others write their events to the outbox. Created once per
 * process; locally `AWS_ENDPOINT_URL_EVENTBRIDGE` points it at the runtime.
 */
export const eventBridgeClient = new EventBridgeClient({});
