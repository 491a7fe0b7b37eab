/**
 * When the shop hears that a product runs low. A product may have a reorder point (physical
 * goods only); a sale that leaves its available stock at or below it is a crossing, and the
 * shop is told once per crossing (`StockLow`). The product remembers that it was told
 * (`lowStockAlerted`) until its stock goes back above the reorder point, which re-arms it.
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
