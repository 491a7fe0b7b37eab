import { isLowStock } from '../domain/reorder-point';
import type { StockLevels, StockReservations } from './ports';

/** One line of the admin's stock view. */
interface StockItem {
  sku: string;
  available: number;
  /** Units held by unpaid orders: not sellable, not sold yet. */
  reserved: number;
  /** null when the product has none. */
  reorderPoint: number | null;
}

/**
 * The stock of the physical products, for the back office (admin).
 * Input: `low`: only the products at or below their reorder point (none without one).
 * Output: each product's sku, available and reserved units, and reorder point (null when unset).
 * 1. Reads every physical product's stock and the units held by unpaid orders, side by side.
 * 2. Gives each product the units its unpaid orders hold (0 when none does).
 * Both reads are eventually consistent and not one snapshot: an order placed or paid between
 * them may show for a moment in `available` and not yet in `reserved`, or the reverse.
 */
export const listStock = async (
  deps: { stock: StockLevels; reservations: StockReservations },
  query: { low?: boolean },
): Promise<{ items: StockItem[] }> => {
  const [levels, held] = await Promise.all([deps.stock.list(), deps.reservations.unitsHeld()]);
  const shown = query.low ? levels.filter((l) => isLowStock(l.available, l.reorderPoint)) : levels;
  return { items: shown.map((l) => ({ sku: l.sku, available: l.available, reserved: held.get(l.sku) ?? 0, reorderPoint: l.reorderPoint ?? null })) };
};
