import type { Cart } from '../domain/cart';
import type { Currency } from '#kernel/money';
import type { CartDeps } from './ports';
import { cartView } from './cart-view';
import { assertShopCurrency } from '#pricing/domain/index';
import { hashToken, newToken } from '#kernel/ids';

/**
 * Opens an empty anonymous cart, in the shop's currency: a `currency` sent must be it (422 naming
 * `currency` otherwise), since shipping and promotions are amounts in it.
 * Output: the cart and its token, shown this once (only its hash is kept).
 */
export const createCart = async (deps: Pick<CartDeps, 'carts' | 'settings' | 'clock' | 'ids'>, input: { currency?: Currency }) => {
  if (input.currency !== undefined) assertShopCurrency(deps.settings, input.currency, 'currency');
  const now = deps.clock();
  const cart: Cart = {
    id: deps.ids(),
    currency: deps.settings.currency,
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
