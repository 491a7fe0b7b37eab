import { isLowStock } from '../domain/reorder-point';
import type { StockLevel, StockLevels } from './ports';

/**
 * The stock of the physical products, for the back office (admin).
 * Input: `low`: only the products at or below their reorder point (none without one).
 * Output: each product's sku, available and reserved units, and reorder point (null when unset).
 */
export const listStock = async (
  deps: { stock: StockLevels },
  query: { low?: boolean },
): Promise<{ items: (Omit<StockLevel, 'reorderPoint'> & { reorderPoint: number | null })[] }> => {
  const levels = await deps.stock.list();
  const shown = query.low ? levels.filter((l) => isLowStock(l.available, l.reorderPoint)) : levels;
  return { items: shown.map((l) => ({ ...l, reorderPoint: l.reorderPoint ?? null })) };
};
