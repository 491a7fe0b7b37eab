import type { Promotion } from '../pricing/promotion';
import type { Cart } from './cart';

export interface CartRepository {
  /** The cart and the hash of its token, or undefined when it does not exist or has expired. */
  get(cartId: string): Promise<{ cart: Cart; tokenHash: string } | undefined>;
  create(cart: Cart, tokenHash: string): Promise<void>;
  /** Saves a changed open cart; ConflictError if it changed since `previousUpdatedAt`. */
  save(cart: Cart, previousUpdatedAt: string): Promise<void>;
}

/** A promotion as stored: its terms, how often it was redeemed, and when its terms last changed. */
export type StoredPromotion = Promotion & { updatedAt: string };

export interface PromotionRepository {
  get(code: string): Promise<StoredPromotion | undefined>;
  /** Creates or replaces the terms; the redemptions already counted are kept. */
  save(promotion: Omit<StoredPromotion, 'redemptions'>): Promise<StoredPromotion>;
}
