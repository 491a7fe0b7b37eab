import { createOrderLookup } from '#ordering/adapters/order-lookup';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { recordPaymentStatus, recordPaymentSucceeded } from '#payments/app/record-payment';
import { PaymentCanceled, PaymentFailed, PaymentActionRequired, PaymentSucceeded } from '#payments/contracts/events';
import { paymentsFunctions } from '#payments/functions';
import { newId } from '#kernel/ids';
import { createSettingsReader } from '#settings/adapters/settings-store';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig(paymentsFunctions, 'payments');
const table = config.table.TABLE_NAME;
const deps = {
  orderPayments: createOrderPayments(documentClient, table, createOrderLookup(documentClient, table)),
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  settings: createSettingsReader(dynamoDbClient, table),
  ids: newId,
  clock: systemClock,
};

/** Applies what Stripe said to the order. Every write is guarded by the order's status. */
export const handler = queueHandler([
  on(PaymentSucceeded, async (data, metadata) => {
    const outcome = await recordPaymentSucceeded(deps, { ...data, eventId: metadata.eventId }, metadata.correlationId);
    // Not an error to retry, but money that did not become a paid order: say so in the logs.
    if (outcome === 'flagged' || outcome === 'unknown_order') logger.warn('payment not applied', { outcome, orderId: data.orderId, paymentIntentId: data.paymentIntentId });
  }),
  on(PaymentActionRequired, async (data) => {
    await recordPaymentStatus(deps, data, 'requires_action');
  }),
  on(PaymentFailed, async (data) => {
    await recordPaymentStatus(deps, data, 'failed');
  }),
  on(PaymentCanceled, async (data) => {
    await recordPaymentStatus(deps, data, 'canceled');
  }),
]);
