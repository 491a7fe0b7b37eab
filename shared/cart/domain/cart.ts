import type { Product } from '#catalog/domain/product';
import { ConflictError, UnprocessableError } from '#kernel/errors';
import type { Currency } from '#kernel/money';
import type { Customer } from '#kernel/customer';
import type { PricingLine } from '#pricing/domain/price-cart';
import type { Promotion } from '#pricing/domain/promotion';

/** Limits that keep a cart (and its checkout transaction, at most 100 items) bounded. */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;
/** A cart untouched this long is gone (DynamoDB TTL, and treated as gone on read before that). */
export const CART_TTL_DAYS = 30;

/** A promotion as stored: its terms, how often it was redeemed, and when its terms last changed. */
export type StoredPromotion = Promotion & { updatedAt: string };

/**
 * A line keeps the product's price and tax category as they were when the line was last set:
 * the cart shows that price, and checkout's transaction refuses the order if the catalog
 * price has changed since.
 */
export type CartLine = PricingLine;

export interface Cart {
  id: string;
  currency: Currency;
  lines: CartLine[];
  customer: Customer | null;
  /** Snapshots of the promotions applied, checked again at checkout. */
  promotions: StoredPromotion[];
  /** The signed-in customer who claimed the cart, if any. */
  customerId?: string;
  status: 'open' | 'checked_out';
  orderId?: string;
  createdAt: string;
  updatedAt: string;
}

export const expiresAtOf = (now: Date): number => Math.floor(now.getTime() / 1000) + CART_TTL_DAYS * 24 * 3600;

export const assertOpen = (cart: Cart): void => {
  if (cart.status !== 'open') throw new ConflictError('This cart has been checked out; create a new cart.');
};

/**
 * Sets the quantity of one product in the cart (0 removes the line). Refuses more than the stock,
 * more than 99 units a line or 50 lines, and a product priced in another currency.
 */
export const setLine = (cart: Cart, product: Product, quantity: number, now: Date): Cart => {
  assertOpen(cart);
  const others = cart.lines.filter((l) => l.sku !== product.sku);
  if (quantity === 0) return { ...cart, lines: others, updatedAt: now.toISOString() };
  if (quantity > MAX_QUANTITY) {
    throw new UnprocessableError(`At most ${MAX_QUANTITY} units of one product per cart.`, [
      { path: 'quantity', message: `must be at most ${MAX_QUANTITY}` },
    ]);
  }
  if (others.length === cart.lines.length && others.length >= MAX_LINES) {
    throw new UnprocessableError(`A cart holds at most ${MAX_LINES} different products.`, [
      { path: 'sku', message: `the cart already has ${MAX_LINES} lines` },
    ]);
  }
  if (product.price.currency !== cart.currency) {
    // A product priced before the shop changed its currency: not for sale until priced again.
    throw new UnprocessableError(`${product.sku} is sold in ${product.price.currency}, the cart is in ${cart.currency}.`, [
      { path: 'sku', message: `is sold in ${product.price.currency}, not in the cart's ${cart.currency}` },
    ]);
  }
  if (product.type === 'physical' && quantity > (product.available ?? 0)) {
    throw new ConflictError(`Only ${product.available ?? 0} unit(s) of ${product.sku} are in stock.`, [
      { path: 'quantity', message: `must be at most ${product.available ?? 0}` },
    ]);
  }
  const line: CartLine = {
    sku: product.sku,
    name: product.name,
    type: product.type,
    taxCategory: product.taxCategory,
    unitPrice: product.price,
    quantity,
  };
  const index = cart.lines.findIndex((l) => l.sku === product.sku);
  const lines = index === -1 ? [...cart.lines, line] : cart.lines.map((l, i) => (i === index ? line : l));
  return { ...cart, lines, updatedAt: now.toISOString() };
};

export const removeLine = (cart: Cart, sku: string, now: Date): Cart => {
  assertOpen(cart);
  return { ...cart, lines: cart.lines.filter((l) => l.sku !== sku), updatedAt: now.toISOString() };
};

export const hasPhysicalGoods = (cart: Pick<Cart, 'lines'>): boolean => cart.lines.some((l) => l.type === 'physical');
