import { eventOf, type OutgoingEvent } from '#kernel/events';
import { factsOf } from '#runtime/outbox';
import { StockChanged, StockLow } from '../contracts/events';
import { isLowStock } from '../domain/reorder-point';
import type { CatalogDeps, StockChange, StockMove } from './ports';

/** What the admin's change of a product's count states: the count before and after, exact (`change`). */
export const adjustedStock = (sku: string, { previous, available, reorderPoint }: StockMove): OutgoingEvent =>
  eventOf(StockChanged, { sku, previous, available, delta: available - previous, availableAsOf: 'change', reason: 'adjustment', low: isLowStock(available, reorderPoint) });

/** `StockLow`, when the admin's write of a product is a crossing of its reorder point. */
export const crossedByAdmin = ({ crossing }: StockMove): OutgoingEvent[] => (crossing ? [eventOf(StockLow, { ...crossing, availableAsOf: 'change' })] : []);

/**
 * Adjusts (`delta`) or sets (`set`) the stock of a physical product (admin).
 * 1. Changes the count from what it was (never below zero: ConflictError), and in the same
 *    transaction `StockChanged` (the exact count before and after), flagged `low` at or below the
 *    product's reorder point. Units taken from above the reorder point to at or below it (breakage,
 *    a count) tell the shop as a sale does: `StockLow` in that transaction, with the product's
 *    alert set under condition, once per crossing. Stock put above the reorder point re-arms the
 *    alert in that write.
 * Output: the sku and the units now available.
 */
export const changeStock = async (deps: CatalogDeps, sku: string, change: StockChange, correlationId: string): Promise<{ sku: string; available: number }> => {
  const now = deps.clock();
  const { available } = await deps.products.changeStock(sku, change, (moved) =>
    // A count `set` to what it already was changes nothing: no fact (as `{ delta: 0 }` is refused).
    moved.available === moved.previous ? [] : factsOf([adjustedStock(sku, moved), ...crossedByAdmin(moved)], { ids: deps.ids, correlationId, now }),
  );
  return { sku, available };
};
