import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { approveReturn } from '#returns/app/approve-return';
import { receiveReturn } from '#returns/app/receive-return';
import { rejectReturn } from '#returns/app/reject-return';
import { returnsFunctions } from '#returns/functions';
import { returnDecisionRoutes } from '#returns/routes';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(returnsFunctions, 'returns-admin');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createAfterSalesStore(documentClient, table),
  // Called only when received goods are refunded: the SDK and the keys load with the first.
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  ids: newId,
  clock: systemClock,
};

/** The shop's decisions on returns: approved, rejected, received (undamaged units restocked, received ones refunded). */
export const handler = httpHandler(returnDecisionRoutes, 'returns-admin', {
  'POST /admin/returns/{returnId}/approve': ({ params, correlationId }) => approveReturn(deps, params, correlationId),
  'POST /admin/returns/{returnId}/reject': ({ params, body, correlationId }) => rejectReturn(deps, { returnId: params.returnId, reason: body.reason }, correlationId),
  'POST /admin/returns/{returnId}/receive': ({ params, body, correlationId }) => receiveReturn(deps, { returnId: params.returnId, items: body.items }, correlationId),
});
