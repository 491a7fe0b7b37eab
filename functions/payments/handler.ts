import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { loadPaymentGateway } from '#payments/adapters/stripe-keys';
import { recordPaymentStatus, recordPaymentSucceeded } from '#payments/app/record-payment';
import { PaymentCanceled, PaymentFailed, PaymentRequiresAction, PaymentSucceeded } from '#payments/contracts/events';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig('payments');
const table = config.table.TABLE_NAME;
const deps = {
  orderPayments: createOrderPayments(documentClient, table, createOrderRepository(documentClient, table)),
  paymentGateway: await loadPaymentGateway(config.stripe),
  publisher: createEventBridgePublisher(eventBridgeClient, config.bus.EVENT_BUS_NAME),
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
