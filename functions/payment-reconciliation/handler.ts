import { randomUUID } from 'node:crypto';
import { reconcilePayments } from '#app/reconcile-payments';
import { createOrderPayments } from '#adapters/dynamodb/order-payments';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, loadConfig, TableConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { loadPaymentGateway } from '#runtime/stripe';

const config = loadConfig(TableConfig.extend(BusConfig.shape));
const deps = {
  payments: createOrderPayments(documentClient, config.TABLE_NAME),
  gateway: await loadPaymentGateway(),
  publisher: createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME),
  clock: systemClock,
};

/** Run by the scheduler: repairs orders a lost webhook left pending. */
export const handler = async (): Promise<{ checked: number; repaired: number }> => {
  const correlationId = randomUUID();
  logger.appendKeys({ correlationId });
  const result = await reconcilePayments(deps, correlationId);
  if (result.repaired > 0) logger.warn('payments repaired by reconciliation', result);
  return result;
};
