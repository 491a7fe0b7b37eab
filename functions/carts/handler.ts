import { createCartRepository } from '#cart/adapters/cart-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { applyPromotion } from '#cart/app/apply-promotion';
import { claimCart } from '#cart/app/claim-cart';
import { createCart } from '#cart/app/create-cart';
import { getCart } from '#cart/app/get-cart';
import { removeCartItem } from '#cart/app/remove-cart-item';
import { removePromotion } from '#cart/app/remove-promotion';
import { savePromotion } from '#cart/app/save-promotion';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { newId } from '#kernel/ids';
import { documentClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { httpHandler } from '#runtime/http';
import { shopTerms } from '#settings/adapters/environment';

const config = loadFunctionConfig('carts');
const table = config.table.TABLE_NAME;
const deps = {
  carts: createCartRepository(documentClient, table, systemClock),
  products: createProductRepository(documentClient, table),
  promotions: createPromotionRepository(documentClient, table),
  rateLimits: createRateLimits(documentClient, table),
  settings: shopTerms(config.shop).settings,
  clock: systemClock,
  ids: newId,
};

/** Carts: every route but creation needs the cart's token in `X-Cart-Token`. Promotions are set by admins. */
export const handler = httpHandler<'carts'>({
  'POST /carts': ({ body }) => createCart(deps, body),
  'GET /carts/{cartId}': ({ params, headers }) => getCart(deps, params.cartId, headers['x-cart-token']),
  'PUT /carts/{cartId}/items/{sku}': ({ params, headers, body }) =>
    setCartItem(deps, { ...params, token: headers['x-cart-token'], quantity: body.quantity }),
  'DELETE /carts/{cartId}/items/{sku}': ({ params, headers }) => removeCartItem(deps, { ...params, token: headers['x-cart-token'] }),
  'PUT /carts/{cartId}/customer': ({ params, headers, body }) =>
    setCartCustomer(deps, { cartId: params.cartId, token: headers['x-cart-token'], customer: body }),
  'POST /carts/{cartId}/promotions': ({ params, headers, body, sourceIp }) =>
    applyPromotion(deps, { cartId: params.cartId, token: headers['x-cart-token'], code: body.code, sourceIp }),
  'DELETE /carts/{cartId}/promotions/{code}': ({ params, headers }) => removePromotion(deps, { ...params, token: headers['x-cart-token'] }),
  'POST /carts/{cartId}/claim': ({ params, headers, principal }) =>
    claimCart(deps, { cartId: params.cartId, token: headers['x-cart-token'], customerId: principal?.sub ?? '' }),
  'PUT /admin/promotions/{code}': ({ params, body }) => savePromotion(deps, { ...body, code: params.code }),
});
