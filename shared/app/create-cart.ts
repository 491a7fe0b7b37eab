import type { Cart } from '#domain/cart/cart';
import type { Currency } from '#domain/money';
import type { CartDeps } from './cart-deps';
import { cartView } from './cart-view';
import { hashToken, newToken } from './tokens';

/**
 * Opens an empty anonymous cart.
 * Output: the cart and its token, shown this once (only its hash is kept).
 */
export const createCart = async (deps: Pick<CartDeps, 'carts' | 'settings' | 'clock' | 'ids'>, input: { currency?: Currency }) => {
  const now = deps.clock();
  const cart: Cart = {
    id: deps.ids(),
    currency: input.currency ?? deps.settings.currency,
    lines: [],
    customer: null,
    promotions: [],
    status: 'open',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const token = newToken();
  await deps.carts.create(cart, hashToken(token));
  return { ...cartView(cart, deps.settings, now), token };
};
