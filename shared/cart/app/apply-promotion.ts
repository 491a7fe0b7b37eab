import { assertOpen } from '../domain/cart';
import { NotFoundError, UnprocessableError, type RateLimit } from '#kernel/errors';
import { checkPromotion, promotableSubtotal } from '#pricing/domain/index';
import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/**
 * Promotion codes tried per IP address (IPv6: per /64) in 30 minutes: 20. A shopper tries a code
 * or two, a few more with typos, and several shoppers may share an address; a guessing script is
 * held to 40 codes an hour per address instead of as many as the API can answer.
 */
export const PROMOTION_ATTEMPTS_PER_IP: RateLimit = { name: 'promotion-per-ip', per: 'ip', cap: 20, windowSeconds: 30 * 60 };

/**
 * Applies a promotion code to the cart.
 * 1. Opens the cart (404 without its token), then counts the attempt against the client's budget
 *    before the code is looked up, so that guessing codes is capped whatever they turn out to be
 *    (429 with the seconds to wait).
 * 2. Reads the code: unknown, not started, expired or used up → 404 (the contract's answer
 *    for a code the customer cannot use).
 * 3. Below its minimum subtotal, or with amounts in another currency than the cart's → 422,
 *    saying the minimum or the currency.
 * 4. Keeps a snapshot of its terms on the cart; checkout counts the redemption atomically.
 */
export const applyPromotion = async (
  deps: Pick<CartDeps, 'carts' | 'promotions' | 'rateLimits' | 'settings' | 'clock'>,
  input: { cartId: string; token: string | undefined; signedInAs?: string; code: string; sourceIp: string },
) => {
  const cart = await openCart(deps.carts, input.cartId, input.token, input.signedInAs);
  assertOpen(cart);
  const now = deps.clock();
  await deps.rateLimits.charge({ limit: PROMOTION_ATTEMPTS_PER_IP, subject: input.sourceIp }, now);
  const code = input.code.toUpperCase();
  const promotion = await deps.promotions.get(code);
  if (!promotion) throw new NotFoundError(`There is no promotion ${code}.`);
  const check = checkPromotion(promotion, { subtotal: promotableSubtotal(cart.currency, cart.lines), now });
  if (!check.ok) {
    if (check.reason === 'other_currency') {
      throw new UnprocessableError(`${code} is for carts in ${check.currency}, and this cart is in ${cart.currency}.`, [
        { path: 'code', message: `is for carts in ${check.currency}` },
      ]);
    }
    if (check.reason === 'below_minimum') {
      throw new UnprocessableError(`${code} needs goods of at least ${promotion.minSubtotal?.amount} minor units in the cart (gift cards do not count).`, [
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
