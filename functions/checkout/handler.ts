import { createCartRepository } from '#cart/adapters/cart-repository';
import { openCart, type Cart } from '#cart/index';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderTokens } from '#ordering/adapters/order-tokens';
import { checkout } from '#ordering/app/checkout';
import type { CheckoutTerms } from '#ordering/domain/place-order';
import { orderingFunctions } from '#ordering/functions';
import { checkoutRoutes } from '#ordering/routes';
import { loadPaymentGateway } from '#payments/adapters/stripe-keys';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { createBearerVerifier } from '#runtime/bearer';
import { httpHandler } from '#runtime/http';
import { idempotent } from '#runtime/idempotency';
import { loadSigningKey } from '#runtime/signing';
import { createSettingsReader } from '#settings/adapters/settings-store';
import { storeSettingsOf } from '#settings/index';

const config = loadFunctionConfig(orderingFunctions, 'checkout');
const table = config.table.TABLE_NAME;
// Both secrets at once: in AWS each is a Secrets Manager call, on the cold start's path.
const [signing, paymentGateway] = await Promise.all([loadSigningKey(config.signing), loadPaymentGateway(config.stripe)]);
const carts = createCartRepository(documentClient, table, systemClock);
const deps = {
  orders: createOrderRepository(documentClient, table),
  orderTokens: createOrderTokens(signing),
  rateLimits: createRateLimits(documentClient, table),
  paymentGateway,
  clock: systemClock,
  ids: newId,
};

const readSettings = createSettingsReader(dynamoDbClient, table);
/** The terms, prices and payment deadline as the shop's settings say now (read through a short cache). */
const termsNow = async () => {
  const settings = await readSettings();
  return { settings: storeSettingsOf(settings), termsVersion: settings.terms.version, paymentTimeoutMinutes: settings.paymentTimeoutMinutes };
};

interface CheckoutInput {
  key: string;
  request: { cartId: string; terms: CheckoutTerms };
  cart: Cart;
  sourceIp: string;
  correlationId: string;
}

// The same Idempotency-Key on the same cart with the same body returns the first response, sealed at rest.
const placeOrder = idempotent(
  async ({ cart, request, sourceIp, correlationId }: CheckoutInput) => checkout({ ...deps, ...(await termsNow()) }, { cart, terms: request.terms, sourceIp }, correlationId),
  { tableName: config.idempotency.IDEMPOTENCY_TABLE_NAME, sealWith: signing },
);

export const handler = httpHandler(checkoutRoutes, 'checkout', {
  'POST /carts/{cartId}/checkout': async ({ params, headers, body, sourceIp, correlationId, lambdaContext, principal }) => {
    // The cart's token is checked before any replay (404 without it): a stored response, with
    // its order token and client secret, goes to no one else. The cart read is checkout's own.
    const cart = await openCart(carts, params.cartId, headers['x-cart-token'], principal?.sub);
    return placeOrder(
      { key: `${params.cartId}:${headers['idempotency-key']}`, request: { cartId: params.cartId, terms: body }, cart, sourceIp, correlationId },
      lambdaContext,
    );
  },
}, {
  verifyBearer: createBearerVerifier(config.identity),
  checkAccess: ({ params, headers, principal }) => openCart(carts, params.cartId ?? '', headers['x-cart-token'], principal?.sub),
});
