import { isDeepStrictEqual } from 'node:util';
import type { StoredPromotion } from '../domain/cart';
import type { PromotionRepository } from './ports';
import type { Clock } from '#kernel/ports';
import { assertShopCurrency, type StoreSettings } from '#pricing/domain/index';

type Terms = Omit<StoredPromotion, 'redemptions' | 'updatedAt'>;

/**
 * Creates or updates a promotion (admin). Its amounts are in the shop's currency, recorded with
 * its terms: a `minSubtotal` in another is refused (422 naming `minSubtotal.currency`), and a
 * fixed `value` is taken off carts in that currency only, whatever the shop sells in later.
 * Changing its terms changes `updatedAt`, so carts holding the old terms are refused at checkout
 * rather than charged on terms no longer offered. The same terms saved again change nothing: the
 * carts holding them can still check out.
 */
export const savePromotion = async (
  deps: { promotions: PromotionRepository; settings: Pick<StoreSettings, 'currency'>; clock: Clock },
  promotion: Omit<Terms, 'currency'>,
): Promise<StoredPromotion> => {
  if (promotion.minSubtotal) assertShopCurrency(deps.settings, promotion.minSubtotal.currency, 'minSubtotal.currency');
  const terms: Terms = { ...promotion, currency: deps.settings.currency };
  const current = await deps.promotions.get(promotion.code);
  if (current && sameTerms(current, terms)) return current;
  return deps.promotions.save({ ...terms, updatedAt: deps.clock().toISOString() });
};

const defined = (terms: object) => Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined));

const sameTerms = (current: StoredPromotion, next: Terms) => {
  const { redemptions: _counted, updatedAt: _at, ...terms } = current;
  return isDeepStrictEqual(defined(terms), defined(next));
};
