import { randomUUID } from 'node:crypto';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { expireUnpaidOrders } from '#ordering/app/expire-unpaid-orders';
import { orderingFunctions } from '#ordering/functions';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';

const config = loadFunctionConfig(orderingFunctions, 'order-expiry');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderRepository(documentClient, table),
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  clock: systemClock,
  ids: newId,
};

/** Run every minute by the scheduler: cancels unpaid orders past their deadline. */
export const handler = async (): Promise<{ cancelled: string[] }> => {
  const correlationId = randomUUID();
  logger.appendKeys({ correlationId });
  const cancelled = await expireUnpaidOrders(deps, correlationId);
  if (cancelled.length > 0) logger.info('unpaid orders cancelled', { count: cancelled.length, orderIds: cancelled });
  return { cancelled };
};
