import type { CartRepository, PromotionRepository } from '#domain/cart/ports';
import type { ProductRepository } from '#domain/catalog/ports';
import type { StoreSettings } from '#domain/pricing/index';
import type { Clock, IdGenerator } from '#domain/ports';

/** The ports the cart use cases share. */
export interface CartDeps {
  carts: CartRepository;
  products: ProductRepository;
  promotions: PromotionRepository;
  settings: StoreSettings;
  clock: Clock;
  ids: IdGenerator;
}
