import { randomUUID } from 'node:crypto';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { reconcilePayments } from '#payments/app/reconcile-payments';
import { paymentsFunctions } from '#payments/functions';
import { newId } from '#kernel/ids';
import { createSettingsReader } from '#settings/adapters/settings-store';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';

const config = loadFunctionConfig(paymentsFunctions, 'payment-reconciliation');
const table = config.table.TABLE_NAME;
const orders = createOrderRepository(documentClient, table);
const deps = {
  orders,
  orderPayments: createOrderPayments(documentClient, table, orders),
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  settings: createSettingsReader(dynamoDbClient, table),
  ids: newId,
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
