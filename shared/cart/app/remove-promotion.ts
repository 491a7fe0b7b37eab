import { assertOpen } from '../domain/cart';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/** Takes a promotion code off the cart. */
export const removePromotion = async (
  deps: Pick<CartDeps, 'carts' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; signedInAs?: string; code: string },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token, input.signedInAs);
  assertOpen(cart);
  const now = deps.clock();
  const code = input.code.toUpperCase();
  const updated = { ...cart, promotions: cart.promotions.filter((p) => p.code !== code), updatedAt: now.toISOString() };
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
