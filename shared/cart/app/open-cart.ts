import type { Cart } from '../domain/cart';
import type { CartRepository } from './ports';
import { NotFoundError } from '#kernel/errors';
import { tokenMatches } from '#kernel/ids';

/**
 * The cart, if the caller holds its token. A missing, expired or wrong token all answer the
 * same 404: a stranger must not learn that the cart exists.
 */
export const openCart = async (carts: CartRepository, cartId: string, token: string | undefined): Promise<Cart> => {
  const found = await carts.get(cartId);
  if (!found || !tokenMatches(found.tokenHash, token)) throw new NotFoundError(`There is no cart ${cartId}.`);
  return found.cart;
};
