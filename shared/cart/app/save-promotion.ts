import { isDeepStrictEqual } from 'node:util';
import type { StoredPromotion } from '../domain/cart';
import type { PromotionRepository } from './ports';
import type { Clock } from '#kernel/ports';

type Terms = Omit<StoredPromotion, 'redemptions' | 'updatedAt'>;

/**
 * Creates or updates a promotion (admin). Changing its terms changes `updatedAt`, so carts
 * holding the old terms are refused at checkout rather than charged on terms no longer offered.
 * The same terms saved again change nothing: the carts holding them can still check out.
 */
export const savePromotion = async (deps: { promotions: PromotionRepository; clock: Clock }, promotion: Terms): Promise<StoredPromotion> => {
  const current = await deps.promotions.get(promotion.code);
  if (current && sameTerms(current, promotion)) return current;
  return deps.promotions.save({ ...promotion, updatedAt: deps.clock().toISOString() });
};

const defined = (terms: object) => Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined));

const sameTerms = (current: StoredPromotion, next: Terms) => {
  const { redemptions: _counted, updatedAt: _at, ...terms } = current;
  return isDeepStrictEqual(defined(terms), defined(next));
};
