import { createHash } from 'node:crypto';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/index';
import { paymentGatewayOnFirstUse } from '#payments/adapters/payment-gateway-on-first-use';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import { cancelOrder } from '#returns/app/cancel-order';
import { issueRefund } from '#returns/app/issue-refund';
import { returnsFunctions } from '#returns/functions';
import { refundsRoutes } from '#returns/routes';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { idempotent } from '#runtime/idempotency';
import { loadSigningKey } from '#runtime/signing';

const config = loadFunctionConfig(returnsFunctions, 'refunds');
const table = config.table.TABLE_NAME;
const signing = await loadSigningKey(config.signing);
const deps = {
  orders: createOrderRepository(documentClient, table),
  store: createAfterSalesStore(documentClient, table),
  paymentGateway: paymentGatewayOnFirstUse(config.stripe),
  ids: newId,
  clock: systemClock,
};

/**
 * A refund's id comes from its order and the request's Idempotency-Key: a request sent again after
 * a failure (Stripe down, a timeout) is the same refund, reserved once and made once at Stripe.
 */
const refundIdOf = (orderId: string, key: string) => `rf-${createHash('sha256').update(`${orderId}\n${key}`).digest('base64url').slice(0, 22)}`;

interface RefundInput {
  /** The order's id and the Idempotency-Key: a key sent again for another order is another refund. */
  key: string;
  idempotencyKey: string;
  orderId: string;
  request: { amount?: { amount: number; currency: 'EUR' | 'USD' | 'GBP' }; reason: string };
  correlationId: string;
}

// The same key with the same body answers the first refund, sealed at rest; another body → 422.
const refund = idempotent(
  ({ idempotencyKey, orderId, request, correlationId }: RefundInput) =>
    issueRefund(deps, { orderId, request: { id: refundIdOf(orderId, idempotencyKey), ...request } }, correlationId),
  { tableName: config.idempotency.IDEMPOTENCY_TABLE_NAME, sealWith: signing },
);

/** Refunds and cancellations by the shop. */
export const handler = httpHandler(refundsRoutes, 'refunds', {
  'POST /admin/orders/{orderId}/refunds': ({ params, headers, body, correlationId, lambdaContext }) =>
    refund({ key: `${params.orderId}:${headers['idempotency-key']}`, idempotencyKey: headers['idempotency-key'] ?? '', orderId: params.orderId, request: body, correlationId }, lambdaContext),
  'POST /admin/orders/{orderId}/cancel': ({ params, correlationId }) => cancelOrder(deps, params.orderId, correlationId),
});
