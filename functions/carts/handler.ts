import { createCartRepository } from '#cart/adapters/cart-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { applyPromotion } from '#cart/app/apply-promotion';
import { claimCart } from '#cart/app/claim-cart';
import { createCart } from '#cart/app/create-cart';
import { getCart } from '#cart/app/get-cart';
import { openCart } from '#cart/app/open-cart';
import { removeCartItem } from '#cart/app/remove-cart-item';
import { removePromotion } from '#cart/app/remove-promotion';
import { savePromotion } from '#cart/app/save-promotion';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { cartFunctions } from '#cart/functions';
import { cartsRoutes } from '#cart/routes';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { newId } from '#kernel/ids';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { createBearerVerifier } from '#runtime/bearer';
import { httpHandler } from '#runtime/http';
import { createSettingsReader } from '#settings/adapters/settings-store';
import { storeSettingsOf } from '#settings/index';

const config = loadFunctionConfig(cartFunctions, 'carts');
const table = config.table.TABLE_NAME;
const base = {
  carts: createCartRepository(documentClient, table, systemClock),
  products: createProductRepository(documentClient, table),
  promotions: createPromotionRepository(documentClient, table),
  rateLimits: createRateLimits(documentClient, table),
  clock: systemClock,
  ids: newId,
};
const readSettings = createSettingsReader(dynamoDbClient, table);
/** The shop's prices and shipping as its settings say now (read through a short cache). */
const depsNow = async () => ({ ...base, settings: storeSettingsOf(await readSettings()) });

/** Carts: every route but creation needs the cart's token in `X-Cart-Token`. Promotions are set by admins. */
export const handler = httpHandler(cartsRoutes, 'carts', {
  'POST /carts': async ({ body }) =>
    createCart(await depsNow(), body),
  'GET /carts/{cartId}': async ({ params, headers, principal }) =>
    getCart(await depsNow(), params.cartId, headers['x-cart-token'], principal?.sub),
  'PUT /carts/{cartId}/items/{sku}': async ({ params, headers, body, principal }) =>
    setCartItem(await depsNow(), { ...params, token: headers['x-cart-token'], signedInAs: principal?.sub, quantity: body.quantity }),
  'DELETE /carts/{cartId}/items/{sku}': async ({ params, headers, principal }) =>
    removeCartItem(await depsNow(), { ...params, token: headers['x-cart-token'], signedInAs: principal?.sub }),
  'PUT /carts/{cartId}/customer': async ({ params, headers, body, principal }) =>
    setCartCustomer(await depsNow(), { cartId: params.cartId, token: headers['x-cart-token'], signedInAs: principal?.sub, customer: body }),
  'POST /carts/{cartId}/promotions': async ({ params, headers, body, sourceIp, principal }) =>
    applyPromotion(await depsNow(), { cartId: params.cartId, token: headers['x-cart-token'], signedInAs: principal?.sub, code: body.code, sourceIp }),
  'DELETE /carts/{cartId}/promotions/{code}': async ({ params, headers, principal }) =>
    removePromotion(await depsNow(), { ...params, token: headers['x-cart-token'], signedInAs: principal?.sub }),
  'POST /carts/{cartId}/claim': async ({ params, headers, principal }) =>
    claimCart(await depsNow(), { cartId: params.cartId, token: headers['x-cart-token'], customerId: principal?.sub ?? '' }),
  'PUT /admin/promotions/{code}': async ({ params, body }) =>
    savePromotion(await depsNow(), { ...body, code: params.code }),
}, {
  verifyBearer: createBearerVerifier(config.identity),
  checkAccess: ({ params, headers, principal }) => openCart(base.carts, params.cartId ?? '', headers['x-cart-token'], principal?.sub),
});
