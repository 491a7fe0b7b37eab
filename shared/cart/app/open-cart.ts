import type { Cart } from '../domain/cart';
import type { CartRepository } from './ports';
import { NotFoundError } from '#kernel/errors';
import { tokenMatches } from '#kernel/ids';

/**
 * The cart, if the caller holds its token. A missing, expired or wrong token all answer the
 * same 404: a stranger must not learn that the cart exists. A cart a customer claimed is not
 * another signed-in customer's, token or not (`signedInAs`: the caller's verified JWT subject):
 * the order placed from it would land in the claimer's account with the other's details. Without
 * a JWT, the token holder (the claimer's device, signed out) still reaches it.
 */
export const openCart = async (carts: CartRepository, cartId: string, token: string | undefined, signedInAs?: string): Promise<Cart> => {
  const found = await carts.get(cartId);
  if (!found || !tokenMatches(found.tokenHash, token)) throw new NotFoundError(`There is no cart ${cartId}.`);
  if (found.cart.customerId && signedInAs !== undefined && signedInAs !== found.cart.customerId) throw new NotFoundError(`There is no cart ${cartId}.`);
  return found.cart;
};
