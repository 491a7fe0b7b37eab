import { checkout } from '#app/checkout';
import { newId } from '#app/tokens';
import { eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, IdempotencyConfig, loadConfig, TableConfig } from '#runtime/config';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { httpHandler } from '#runtime/http';
import { idempotent } from '#runtime/idempotency';
import { repositories } from '#runtime/repositories';
import { paymentTimeoutMinutes, storeSettings, termsVersion } from '#runtime/store';
import { loadPaymentGateway } from '#runtime/stripe';
import type { CheckoutTerms } from '#domain/order/place-order';

const config = loadConfig(TableConfig.extend(BusConfig.shape).extend(IdempotencyConfig.shape));
const { carts, orders } = repositories(config.TABLE_NAME);
const deps = {
  carts,
  orders,
  payments: await loadPaymentGateway(),
  publisher: createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME),
  settings: storeSettings,
  clock: systemClock,
  ids: newId,
  termsVersion,
  paymentTimeoutMinutes,
};

interface CheckoutInput {
  key: string;
  request: { cartId: string; terms: CheckoutTerms };
  token: string | undefined;
  correlationId: string;
}

// The same Idempotency-Key on the same cart with the same body returns the first response.
const placeOrder = idempotent(
  ({ request, token, correlationId }: CheckoutInput) => checkout(deps, { cartId: request.cartId, token, terms: request.terms }, correlationId),
  { tableName: config.IDEMPOTENCY_TABLE_NAME },
);

export const handler = httpHandler<'checkout'>({
  'POST /carts/{cartId}/checkout': ({ params, headers, body, correlationId, lambdaContext }) =>
    placeOrder(
      {
        key: `${params.cartId}:${headers['idempotency-key']}`,
        request: { cartId: params.cartId, terms: body },
        token: headers['x-cart-token'],
        correlationId,
      },
      lambdaContext,
    ),
});
