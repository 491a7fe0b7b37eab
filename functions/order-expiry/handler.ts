import { randomUUID } from 'node:crypto';
import { expireUnpaidOrders } from '#app/expire-unpaid-orders';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, loadConfig, TableConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { repositories } from '#runtime/repositories';
import { loadPaymentGateway } from '#runtime/stripe';

const config = loadConfig(TableConfig.extend(BusConfig.shape));
const { orders, products } = repositories(config.TABLE_NAME);
const deps = {
  orders,
  products,
  payments: await loadPaymentGateway(),
  publisher: createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME),
  clock: systemClock,
};

/** Run every minute by the scheduler: cancels unpaid orders past their deadline. */
export const handler = async (): Promise<{ cancelled: string[] }> => {
  const correlationId = randomUUID();
  logger.appendKeys({ correlationId });
  const cancelled = await expireUnpaidOrders(deps, correlationId);
  if (cancelled.length > 0) logger.info('unpaid orders cancelled', { count: cancelled.length, orderIds: cancelled });
  return { cancelled };
};
