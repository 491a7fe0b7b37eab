import { assertOpen } from '../domain/cart';
import { ConflictError } from '#kernel/errors';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/**
 * A signed-in customer takes over an anonymous cart (they still need its token). The order
 * placed from it is then theirs: listed in `GET /me/orders` and readable with their JWT.
 */
export const claimCart = async (
  deps: Pick<CartDeps, 'carts' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; customerId: string },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token);
  assertOpen(cart);
  if (cart.customerId && cart.customerId !== input.customerId) {
    throw new ConflictError('This cart belongs to another customer.');
  }
  const now = deps.clock();
  const updated = { ...cart, customerId: input.customerId, updatedAt: now.toISOString() };
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
