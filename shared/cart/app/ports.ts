import type { ProductReader } from '#catalog/index';
import type { RateCharge } from '#kernel/errors';
import type { Clock, IdGenerator } from '#kernel/ports';
import type { StoreSettings } from '#pricing/domain/index';
import type { Cart, StoredPromotion } from '../domain/cart';

/** What the cart context needs from the outside world. Adapters in `../adapters` implement them. */

export interface CartRepository {
  /** The cart and the hash of its token, or undefined when it does not exist or has expired. */
  get(cartId: string): Promise<{ cart: Cart; tokenHash: string } | undefined>;
  create(cart: Cart, tokenHash: string): Promise<void>;
  /** Saves a changed open cart; ConflictError if it changed since `previousUpdatedAt`. */
  save(cart: Cart, previousUpdatedAt: string): Promise<void>;
}

export interface PromotionRepository {
  get(code: string): Promise<StoredPromotion | undefined>;
  /** Creates or replaces the terms; the redemptions already counted are kept. */
  save(promotion: Omit<StoredPromotion, 'redemptions'>): Promise<StoredPromotion>;
}

/** Per-client budgets, counted in the table (one conditional write per request). */
export interface RateLimits {
  /** Counts one request; TooManyRequestsError (429) once the budget of the window is spent. */
  charge(charge: RateCharge, now: Date): Promise<void>;
}

/** The ports the cart use cases share. */
export interface CartDeps {
  carts: CartRepository;
  /** The catalog, read for a product's current price and stock. */
  products: ProductReader;
  promotions: PromotionRepository;
  rateLimits: RateLimits;
  settings: StoreSettings;
  clock: Clock;
  ids: IdGenerator;
}
