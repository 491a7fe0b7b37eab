import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { ExternalRefundReported, RefundStatusReported } from '#payments/contracts/events';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { recordExternalRefund } from '#returns/app/record-external-refund';
import { settleRefund } from '#returns/app/settle-refund';
import { returnsFunctions } from '#returns/functions';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig(returnsFunctions, 'refund-settlement');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createAfterSalesStore(documentClient, table),
  ids: newId,
  clock: systemClock,
  // Called only for a refund made in Stripe's dashboard: the SDK and the keys load with the first.
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
};

/**
 * Settles refunds from what Stripe reports. Duplicated, late or out-of-order reports change
 * nothing: only a move the refund's state machine allows is written. A refund made in Stripe
 * (its dashboard) is recorded on its order first, once.
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
  on(ExternalRefundReported, async (data, metadata) => {
    const result = await recordExternalRefund(deps, data.stripeRefundId, metadata.correlationId);
    if (result.outcome === 'not_ours') logger.info('refund made in Stripe of no order of ours; ignored', { stripeRefundId: data.stripeRefundId, paymentIntentId: data.paymentIntentId });
    if (result.outcome === 'settled' && result.beyondWhatIsLeft) {
      logger.warn('refund made in Stripe beyond what our books said was left: recorded as made, the order is flagged for review; a person must look', {
        orderId: result.orderId,
        stripeRefundId: data.stripeRefundId,
        ...result.beyondWhatIsLeft,
      });
    }
  }),
]);
