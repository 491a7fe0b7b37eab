import { createCartRepository } from '#cart/adapters/cart-repository';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { checkout } from '#ordering/app/checkout';
import type { CheckoutTerms } from '#ordering/domain/place-order';
import { loadPaymentGateway } from '#payments/adapters/stripe-keys';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { httpHandler } from '#runtime/http';
import { idempotent } from '#runtime/idempotency';
import { shopTerms } from '#settings/adapters/environment';

const config = loadFunctionConfig('checkout');
const table = config.table.TABLE_NAME;
const deps = {
  carts: createCartRepository(documentClient, table, systemClock),
  orders: createOrderRepository(documentClient, table),
  paymentGateway: await loadPaymentGateway(config.stripe),
  publisher: createEventBridgePublisher(eventBridgeClient, config.bus.EVENT_BUS_NAME),
  ...shopTerms(config.shop),
  clock: systemClock,
  ids: newId,
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
  { tableName: config.idempotency.IDEMPOTENCY_TABLE_NAME },
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
