import { eventOf } from '#kernel/events';
import { factsOf } from '#runtime/outbox';
import { StockChanged } from '../contracts/events';
import { isLowStock } from '../domain/reorder-point';
import type { CatalogDeps, StockChange } from './ports';

/**
 * Adjusts (`delta`) or sets (`set`) the stock of a physical product (admin).
 * 1. Changes the count from what it was (never below zero: ConflictError), and in the same
 *    transaction `StockChanged`, flagged `low` at or below the product's reorder point. Stock
 *    put above the reorder point re-arms the low-stock alert in that write; stock put at or
 *    below it publishes no `StockLow` (only a sale does: the admin knows what they just did).
 * Output: the sku and the units now available.
 */
export const changeStock = async (deps: CatalogDeps, sku: string, change: StockChange, correlationId: string): Promise<{ sku: string; available: number }> => {
  const now = deps.clock();
  const { available } = await deps.products.changeStock(sku, change, ({ previous, available: after, reorderPoint }) =>
    factsOf([eventOf(StockChanged, { sku, previous, available: after, reason: 'adjustment', low: isLowStock(after, reorderPoint) })], { ids: deps.ids, correlationId, now }),
  );
  return { sku, available };
};
