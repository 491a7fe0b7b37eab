/**
 * What other contexts may use of the cart: the cart as data, opening it with its token, and
 * the cart's part of the checkout transaction.
 */
export type { Cart, StoredPromotion } from './domain/cart';
export { assertOpen } from './domain/cart';
export type { CartRepository } from './app/ports';
export { openCart } from './app/open-cart';
export { closeCart, redeemPromotion, returnRedemption } from './adapters/checkout-transactions';
