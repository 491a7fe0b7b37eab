import type { StoredPromotion } from '../domain/cart';
import type { PromotionRepository } from './ports';
import type { Clock } from '#kernel/ports';
import { assertShopCurrency, type StoreSettings } from '#pricing/domain/index';

/**
 * Creates or updates a promotion (admin). Its amounts are in the shop's currency, recorded with
 * its terms: a `minSubtotal` in another is refused (422 naming `minSubtotal.currency`), and a
 * fixed `value` is taken off carts in that currency only, whatever the shop sells in later.
 * Changing its terms changes `updatedAt`, so carts holding the old terms are refused at checkout
 * rather than charged on terms no longer offered.
 */
export const savePromotion = async (
  deps: { promotions: PromotionRepository; settings: Pick<StoreSettings, 'currency'>; clock: Clock },
  promotion: Omit<StoredPromotion, 'redemptions' | 'updatedAt' | 'currency'>,
): Promise<StoredPromotion> => {
  if (promotion.minSubtotal) assertShopCurrency(deps.settings, promotion.minSubtotal.currency, 'minSubtotal.currency');
  return deps.promotions.save({ ...promotion, currency: deps.settings.currency, updatedAt: deps.clock().toISOString() });
};
