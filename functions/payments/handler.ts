import { recordPaymentStatus, recordPaymentSucceeded } from '#app/record-payment';
import { createOrderPayments } from '#adapters/dynamodb/order-payments';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { PaymentCanceled, PaymentFailed, PaymentRequiresAction, PaymentSucceeded } from '#contracts/events/index';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, loadConfig, TableConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';
import { loadPaymentGateway } from '#runtime/stripe';

const config = loadConfig(TableConfig.extend(BusConfig.shape));
const deps = {
  payments: createOrderPayments(documentClient, config.TABLE_NAME),
  gateway: await loadPaymentGateway(),
  publisher: createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME),
  clock: systemClock,
};

/** Applies what Stripe said to the order. Every write is guarded by the order's status. */
export const handler = queueHandler([
  on(PaymentSucceeded, async (data, metadata) => {
    await recordPaymentSucceeded(deps, data, metadata.correlationId);
  }),
  on(PaymentRequiresAction, async (data) => {
    await recordPaymentStatus(deps, data, 'requires_action');
  }),
  on(PaymentFailed, async (data) => {
    await recordPaymentStatus(deps, data, 'failed');
  }),
  on(PaymentCanceled, async (data) => {
    await recordPaymentStatus(deps, data, 'canceled');
  }),
]);
