import type { Cart } from '../domain/cart';
import type { Currency } from '#kernel/money';
import type { CartDeps } from './ports';
import { cartView } from './cart-view';
import { hashToken, newToken } from '#kernel/ids';

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
