import { setLine } from '../domain/cart';
import { NotFoundError } from '#kernel/errors';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/**
 * Sets how many units of a product the cart holds (0 removes the line).
 * 1. Opens the cart (404 without its token) and reads the product (its current price and stock;
 *    404 for an unknown sku), both at once: one round trip to DynamoDB, not two. The cart answers
 *    first whatever comes back first: without its token, a caller learns nothing of the product.
 * 2. Applies the cart rules (stock, 99 units, 50 lines) and saves with an optimistic lock.
 */
export const setCartItem = async (
  deps: Pick<CartDeps, 'carts' | 'products' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; signedInAs?: string; sku: string; quantity: number },
) => {
  const [opened, read] = await Promise.allSettled([openCart(deps.carts, input.cartId, input.token, input.signedInAs), deps.products.get(input.sku)]);
  if (opened.status === 'rejected') throw opened.reason;
  if (read.status === 'rejected') throw read.reason;
  const cart = opened.value;
  const product = read.value;
  if (!product) throw new NotFoundError(`There is no product ${input.sku}.`);
  const now = deps.clock();
  const updated = setLine(cart, product, input.quantity, now);
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
