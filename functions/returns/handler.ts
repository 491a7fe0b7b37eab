import { newId } from '#kernel/ids';
import { createOrderLookup, orderTokenCheckOnFirstUse, readableOrder, type Order, type ReturnLine } from '#ordering/index';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { requestReturn } from '#returns/app/request-return';
import { returnsFunctions } from '#returns/functions';
import { returnsRoutes } from '#returns/routes';
import { createBearerVerifier } from '#runtime/bearer';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { idempotentWhenKeyed } from '#runtime/idempotent-when-keyed';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';
import { createSettingsReader } from '#settings/index';

const config = loadFunctionConfig(returnsFunctions, 'returns');
const table = config.table.TABLE_NAME;
const signing = signingKeyOnFirstUse(config.signing);
const deps = {
  orders: createOrderLookup(documentClient, table),
  orderTokens: orderTokenCheckOnFirstUse(signing),
  store: createAfterSalesStore(documentClient, table),
  settings: createSettingsReader(dynamoDbClient, table),
  ids: newId,
  clock: systemClock,
};

interface ReturnInput {
  /** The order's id and the Idempotency-Key, if sent: the same key on another order is another return. */
  key: string | undefined;
  request: { items: readonly ReturnLine[] };
  order: Order;
  correlationId: string;
}

// With an Idempotency-Key, the same key and body on the same order answer the first return (sealed at rest); another body → 422.
const returnOnce = idempotentWhenKeyed(
  ({ order, request, correlationId }: ReturnInput) => requestReturn(deps, { order, items: request.items }, correlationId),
  { tableName: config.idempotency.IDEMPOTENCY_TABLE_NAME, sealWith: signing, keyPrefix: 'POST /orders/{orderId}/returns' },
);

/** Returns (RMA) asked by the customer who may read the order; the shop's decisions are `returns-admin`'s. */
export const handler = httpHandler(returnsRoutes, 'returns',
  {
    'POST /orders/{orderId}/returns': async ({ params, headers, body, principal, correlationId, lambdaContext }) => {
      // The reader is checked before any replay (404 without the order): a stored return goes to no one else.
      const order = await readableOrder(deps, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub });
      const key = headers['idempotency-key'];
      return returnOnce({ key: key === undefined ? undefined : `${params.orderId}:${key}`, request: body, order, correlationId }, lambdaContext);
    },
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    checkAccess: ({ params, headers, principal }) => readableOrder(deps, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
