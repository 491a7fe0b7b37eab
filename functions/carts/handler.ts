import { applyPromotion } from '#app/apply-promotion';
import { claimCart } from '#app/claim-cart';
import { createCart } from '#app/create-cart';
import { getCart } from '#app/get-cart';
import { removeCartItem } from '#app/remove-cart-item';
import { removePromotion } from '#app/remove-promotion';
import { setCartCustomer } from '#app/set-cart-customer';
import { setCartItem } from '#app/set-cart-item';
import { newId } from '#app/tokens';
import { systemClock } from '#runtime/clients';
import { loadConfig, TableConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { repositories } from '#runtime/repositories';
import { storeSettings } from '#runtime/store';

const config = loadConfig(TableConfig);
const deps = { ...repositories(config.TABLE_NAME), settings: storeSettings, clock: systemClock, ids: newId };

/** Carts: every route but creation needs the cart's token in `X-Cart-Token`. */
export const handler = httpHandler<'carts'>({
  'POST /carts': ({ body }) => createCart(deps, body),
  'GET /carts/{cartId}': ({ params, headers }) => getCart(deps, params.cartId, headers['x-cart-token']),
  'PUT /carts/{cartId}/items/{sku}': ({ params, headers, body }) =>
    setCartItem(deps, { ...params, token: headers['x-cart-token'], quantity: body.quantity }),
  'DELETE /carts/{cartId}/items/{sku}': ({ params, headers }) => removeCartItem(deps, { ...params, token: headers['x-cart-token'] }),
  'PUT /carts/{cartId}/customer': ({ params, headers, body }) =>
    setCartCustomer(deps, { cartId: params.cartId, token: headers['x-cart-token'], customer: body }),
  'POST /carts/{cartId}/promotions': ({ params, headers, body }) =>
    applyPromotion(deps, { cartId: params.cartId, token: headers['x-cart-token'], code: body.code }),
  'DELETE /carts/{cartId}/promotions/{code}': ({ params, headers }) => removePromotion(deps, { ...params, token: headers['x-cart-token'] }),
  'POST /carts/{cartId}/claim': ({ params, headers, principal }) =>
    claimCart(deps, { cartId: params.cartId, token: headers['x-cart-token'], customerId: principal?.sub ?? '' }),
});
