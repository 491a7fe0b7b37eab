import { newId } from '#kernel/ids';
import { createOrderLookup, orderTokenCheckOnFirstUse, readableOrder } from '#ordering/index';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { approveReturn } from '#returns/app/approve-return';
import { receiveReturn } from '#returns/app/receive-return';
import { rejectReturn } from '#returns/app/reject-return';
import { requestReturn } from '#returns/app/request-return';
import { returnsFunctions } from '#returns/functions';
import { returnsRoutes } from '#returns/routes';
import { createBearerVerifier } from '#runtime/bearer';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';
import { createSettingsReader } from '#settings/index';

const config = loadFunctionConfig(returnsFunctions, 'returns');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  orderTokens: orderTokenCheckOnFirstUse(signingKeyOnFirstUse(config.signing)),
  store: createAfterSalesStore(documentClient, table),
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  settings: createSettingsReader(dynamoDbClient, table),
  ids: newId,
  clock: systemClock,
};

/** Returns (RMA): asked by the customer who may read the order, decided and received by the shop. */
export const handler = httpHandler(returnsRoutes, 'returns',
  {
    'POST /orders/{orderId}/returns': ({ params, headers, body, principal, correlationId }) =>
      requestReturn(deps, { reader: { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }, items: body.items }, correlationId),
    'POST /admin/returns/{returnId}/approve': ({ params, correlationId }) => approveReturn(deps, params, correlationId),
    'POST /admin/returns/{returnId}/reject': ({ params, body, correlationId }) => rejectReturn(deps, { returnId: params.returnId, reason: body.reason }, correlationId),
    'POST /admin/returns/{returnId}/receive': ({ params, body, correlationId }) => receiveReturn(deps, { returnId: params.returnId, items: body.items }, correlationId),
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    checkAccess: ({ params, headers, principal }) => readableOrder(deps, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
