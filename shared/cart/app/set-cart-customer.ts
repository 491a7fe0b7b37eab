import type { Customer } from '#kernel/customer';
import { assertOpen } from '../domain/cart';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/** Sets who buys and where to ship; their addresses decide VAT (place of supply) and shipping. */
export const setCartCustomer = async (
  deps: Pick<CartDeps, 'carts' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; signedInAs?: string; customer: Customer },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token, input.signedInAs);
  assertOpen(cart);
  const now = deps.clock();
  const updated = { ...cart, customer: input.customer, updatedAt: now.toISOString() };
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
