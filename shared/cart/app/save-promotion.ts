import type { StoredPromotion } from '../domain/cart';
import type { PromotionRepository } from './ports';
import type { Clock } from '#kernel/ports';

/**
 * Creates or updates a promotion (admin). Changing its terms changes `updatedAt`, so carts
 * holding the old terms are refused at checkout rather than charged on terms no longer offered.
 */
export const savePromotion = (
  deps: { promotions: PromotionRepository; clock: Clock },
  promotion: Omit<StoredPromotion, 'redemptions' | 'updatedAt'>,
): Promise<StoredPromotion> => deps.promotions.save({ ...promotion, updatedAt: deps.clock().toISOString() });
