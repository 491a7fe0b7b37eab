/**
 * When the shop hears that a product runs low. A product may have a reorder point (physical
 * goods only); whatever takes its available stock from above it to at or below it (a sale, the
 * admin removing units, the admin raising the point) is a crossing, and the shop is told once per
 * crossing (`StockLow`). The product remembers that it was told (`lowStockAlerted`) until its
 * stock goes back above the reorder point, which re-arms it.
 */

export interface WatchedStock {
  available: number;
  /** Absent: the shop is never told about this product. */
  reorderPoint?: number;
  /** A `StockLow` was published since the stock last went above the reorder point. */
  lowStockAlerted: boolean;
}

/** At or below its reorder point; never, without one. */
export const isLowStock = (available: number, reorderPoint: number | undefined): boolean =>
  reorderPoint !== undefined && available <= reorderPoint;

/**
 * What a sale's stock means for the alert: `alert` when this is a crossing the shop has not
 * heard of, `rearm` when the stock is above the reorder point but the product still says it was
 * told (a restock that did not clear it), `none` otherwise.
 */
export const afterSale = (stock: WatchedStock): 'alert' | 'rearm' | 'none' => {
  const low = isLowStock(stock.available, stock.reorderPoint);
  if (low) return stock.lowStockAlerted ? 'none' : 'alert';
  return stock.lowStockAlerted ? 'rearm' : 'none';
};

/**
 * What an admin's change of the count from `previous` means for the alert. Units taken away
 * (breakage, a count) are told as a sale's are: `alert` when they take the stock from above the
 * reorder point to at or below it, even if an alert is still set from an earlier stretch (units
 * came back and the inventory worker has not re-armed it yet: this is a new crossing); and, as
 * after a sale, when they lower a stock already low that the shop has not heard of. Units put
 * back never alert.
 */
export const afterAdjustment = (previous: number, stock: WatchedStock): 'alert' | 'rearm' | 'none' => {
  if (stock.available >= previous) return afterRestock(stock);
  if (!isLowStock(previous, stock.reorderPoint) && isLowStock(stock.available, stock.reorderPoint)) return 'alert';
  return afterSale(stock);
};

/**
 * Whether the admin moving a product's reorder point from `before` to `after` is a crossing: the
 * stock, above the old point (or without one), is at or below the new one, whatever the alert says.
 * A point moved while the stock stays low is the same stretch: no new alert.
 */
export const crossedByNewReorderPoint = (available: number, before: number | undefined, after: number | undefined): boolean =>
  !isLowStock(available, before) && isLowStock(available, after);

/**
 * What the admin's write of a product means for the alert: its reorder point moved from `before`'s
 * to `after`'s (a save) and its count set from `before.available` to `after.available` (the stock
 * endpoint, or the first units of a product a save creates), either kept or both at once. Read as
 * the point moved at the old count (`crossedByNewReorderPoint`), then the count set under the new point
 * (`afterAdjustment`, from the alert as the moved point left it): so it alerts at most once, as a
 * write doing one of the two would; and it re-arms whenever the stock ends above the point
 * (`rearms`). A new product had its point from the start: `before.reorderPoint` is `after`'s, and
 * its count starts at 0.
 */
export const afterAdminChange = (before: WatchedStock, after: { available: number; reorderPoint?: number }): 'alert' | 'rearm' | 'none' => {
  if (rearms(after.available, after.reorderPoint)) return 'rearm';
  if (crossedByNewReorderPoint(before.available, before.reorderPoint, after.reorderPoint)) return 'alert';
  if (after.available === before.available) return 'none';
  const lowStockAlerted = before.lowStockAlerted && !rearms(before.available, after.reorderPoint);
  return afterAdjustment(before.available, { ...after, lowStockAlerted });
};

/**
 * What stock coming back (a cancelled order, a return) means for the alert: never a new alert,
 * since it is no sale; a re-arm once the stock is above the reorder point.
 */
export const afterRestock = (stock: WatchedStock): 'rearm' | 'none' =>
  stock.lowStockAlerted && !isLowStock(stock.available, stock.reorderPoint) ? 'rearm' : 'none';

/**
 * Whether a write that leaves `available` units under `reorderPoint` clears the alert: any write
 * that puts the stock above it (or removes the reorder point) re-arms, whether or not the alert
 * was set, so that a concurrent alert can never stay behind above the reorder point.
 */
export const rearms = (available: number, reorderPoint: number | undefined): boolean => !isLowStock(available, reorderPoint);
