import { assertOpen } from '../domain/cart';
import { NotFoundError, UnprocessableError } from '#kernel/errors';
import { checkPromotion, priceCart } from '#pricing/domain/index';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/**
 * Applies a promotion code to the cart.
 * 1. Reads the code: unknown, not started, expired or used up → 404 (the contract's answer
 *    for a code the customer cannot use).
 * 2. Below its minimum subtotal → 422, saying the minimum.
 * 3. Keeps a snapshot of its terms on the cart; checkout counts the redemption atomically.
 */
export const applyPromotion = async (
  deps: Pick<CartDeps, 'carts' | 'promotions' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; code: string },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token);
  assertOpen(cart);
  const code = input.code.toUpperCase();
  const promotion = await deps.promotions.get(code);
  const now = deps.clock();
  if (!promotion) throw new NotFoundError(`There is no promotion ${code}.`);
  const subtotal = priceCart({ currency: cart.currency, lines: cart.lines, promotions: [], now }, deps.settings).totals.subtotal;
  const check = checkPromotion(promotion, { subtotal, now });
  if (!check.ok) {
    if (check.reason === 'below_minimum') {
      throw new UnprocessableError(`${code} needs a subtotal of at least ${promotion.minSubtotal?.amount} minor units.`, [
        { path: 'code', message: 'the cart is below the minimum subtotal of this promotion' },
      ]);
    }
    throw new NotFoundError(`The promotion ${code} is not available (${check.reason.replace('_', ' ')}).`);
  }
  const updated = {
    ...cart,
    promotions: [...cart.promotions.filter((p) => p.code !== code), promotion],
    updatedAt: now.toISOString(),
  };
  await deps.carts.save(updated, cart.updatedAt);
  return cartView(updated, deps.settings, now);
};
