import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { RefundStatusReported } from '#payments/contracts/events';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { settleRefund } from '#returns/app/settle-refund';
import { returnsFunctions } from '#returns/functions';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig(returnsFunctions, 'refund-settlement');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createAfterSalesStore(documentClient, table),
  ids: newId,
  clock: systemClock,
};

/**
 * Settles refunds from what Stripe reports. Duplicated, late or out-of-order reports change
 * nothing: only a move the refund's state machine allows is written.
 */
export const handler = queueHandler([
  on(RefundStatusReported, async (data, metadata) => {
    if (data.status !== 'pending' && data.status !== 'succeeded' && data.status !== 'failed') return;
    await settleRefund(
      deps,
      { orderId: data.orderId, refundId: data.refundId, status: data.status, stripeRefundId: data.stripeRefundId, ...(data.failureReason && { failureReason: data.failureReason }) },
      metadata.correlationId,
    );
  }),
]);
