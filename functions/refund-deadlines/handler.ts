import { randomUUID } from 'node:crypto';
import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
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
};

/** Run hourly by the scheduler: reports withdrawals whose refund is past its legal deadline, once each. */
export const handler = async (): Promise<{ reported: number }> => {
  const correlationId = randomUUID();
  logger.appendKeys({ correlationId });
  const reported = await reportOverdueRefunds(deps, correlationId);
  if (reported > 0) logger.warn('refunds overdue', { count: reported });
  return { reported };
};
