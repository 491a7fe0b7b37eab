import { randomUUID } from 'node:crypto';
import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { completeUnansweredRefunds } from '#returns/app/complete-unanswered-refunds';
import { reportOverdueRefunds } from '#returns/app/report-overdue-refunds';
import { returnsFunctions } from '#returns/functions';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';

const config = loadFunctionConfig(returnsFunctions, 'refund-deadlines');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createAfterSalesStore(documentClient, table),
  ids: newId,
  clock: systemClock,
  // Called only for a refund Stripe never answered: the SDK and the keys load with the first.
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
};

/**
 * Run every 5 minutes by the scheduler: asks Stripe again for refunds it never answered, then
 * reports withdrawals whose refund is past its legal deadline, once each.
 */
export const handler = async (): Promise<{ reported: number; completed: number }> => {
  const correlationId = randomUUID();
  logger.appendKeys({ correlationId });
  const completed = await completeUnansweredRefunds(deps, correlationId);
  if (completed > 0) logger.warn('refunds Stripe had not answered, asked again and answered', { count: completed });
  const reported = await reportOverdueRefunds(deps, correlationId);
  if (reported > 0) logger.warn('refunds overdue', { count: reported });
  return { reported, completed };
};
