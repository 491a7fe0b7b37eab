import { removeLine } from '../domain/cart';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/** Removes a product from the cart; removing one that is not there changes nothing. */
export const removeCartItem = async (
  deps: Pick<CartDeps, 'carts' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; signedInAs?: string; sku: string },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token, input.signedInAs);
  const now = deps.clock();
  const updated = removeLine(cart, input.sku, now);
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
