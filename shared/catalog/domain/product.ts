import { ConflictError, UnprocessableError } from '#kernel/errors';
import type { Money } from '#kernel/money';
import type { ProductType, TaxCategory } from '#pricing/domain/index';

export type { ProductType, TaxCategory };

export interface Product {
  sku: string;
  name: string;
  description: string;
  type: ProductType;
  price: Money;
  taxCategory: TaxCategory;
  /** Units that can still be sold. Physical goods only; digital goods never run out. */
  available?: number;
  category: string;
  /** At or below this many available units, the shop is told (`StockLow`, once per crossing). Physical goods only. */
  reorderPoint?: number;
  updatedAt: string;
}

/**
 * A product as the admin saves it (a PUT). `available`: the stock a new physical product starts
 * with; on an existing one, only the count it has (a copy read before a sale must not put the sold
 * units back). `reorderPoint`: absent, the stored one is kept (the public product, which a client
 * may send back, does not show it); `null` removes it.
 */
export type ProductDetails = Omit<Product, 'updatedAt' | 'reorderPoint'> & { reorderPoint?: number | null };

/** Stock is always counted for physical goods, never for digital ones. */
export const isStocked = (p: Pick<Product, 'type'>): boolean => p.type === 'physical';

/**
 * The product an admin's save leaves, from the one `stored` (absent: the save creates it).
 * Throws ConflictError, naming the field, for a save that would:
 * - change the type: a physical product's stock, its units held by unpaid orders and its history
 *   of `StockChanged` would be left with a product that has none (or the other way round);
 * - set the count of an existing product: the stock moves with sales, and only the stock
 *   endpoint changes it, from the count it reads.
 */
export const productAsSaved = (stored: Product | undefined, details: ProductDetails, updatedAt: string): Product => {
  const { sku, name, description, type, price, taxCategory, category, available, reorderPoint } = details;
  if (stored && stored.type !== type) {
    throw new ConflictError(`${sku} is a ${stored.type} product, and a product's type never changes: create the ${type} product under another sku.`, [
      { path: 'type', message: `must be ${stored.type}, the product's type: a ${type} product needs another sku` },
    ]);
  }
  if (!stored && available !== undefined && available > MAX_STOCK) {
    throw new UnprocessableError(`${sku} cannot start with ${available} units: a stock counts at most ${MAX_STOCK}.`, [{ path: 'available', message: `must be at most ${MAX_STOCK}` }]);
  }
  const inStock = stored?.available ?? 0;
  if (stored && available !== undefined && available !== inStock) {
    throw new ConflictError(
      `${sku} has ${inStock} unit(s) in stock, not ${available}: a PUT sets the stock only of a new product. Change it with POST /admin/products/${sku}/stock ({ "delta" } or { "set" }), or send the product with available ${inStock} or none.`,
      [{ path: 'available', message: `must be ${inStock}, the units in stock now, or left out: change the stock with POST /admin/products/{sku}/stock` }],
    );
  }
  const point = reorderPoint === undefined ? stored?.reorderPoint : (reorderPoint ?? undefined);
  return {
    sku, name, description, type, price, taxCategory, category, updatedAt,
    ...(isStocked(details) && { available: stored ? inStock : (available ?? 0) }),
    ...(isStocked(details) && point !== undefined && { reorderPoint: point }),
  };
};

/** The most units a product's stock counts: what `{ set }` and `available` accept, and what a `delta` may reach. */
export const MAX_STOCK = 1_000_000;

/**
 * The stock after an admin's change (`{ delta }` or `{ set }`) of the `previous` count: never below
 * zero (409 saying how many units are left), and units added never take it above `MAX_STOCK` (409
 * saying how many may still be added), naming `delta`; a `set` is bounded by its schema already.
 * Units taken off are never refused for the cap: returns and cancellations put units back
 * whatever the count, and may leave it above.
 */
export const stockAfter = (sku: string, previous: number, change: { delta: number } | { set: number }): number => {
  if ('set' in change) return change.set;
  const available = previous + change.delta;
  if (available < 0) {
    const left = previous === 0 ? 'no unit is left in stock' : `only ${previous} unit(s) left in stock`;
    throw new ConflictError(`Cannot remove ${-change.delta} unit(s) of ${sku}: ${left}.`, [
      { path: 'delta', message: previous === 0 ? `cannot remove a unit: ${left}` : `must be at least -${previous}: ${left}` },
    ]);
  }
  if (change.delta > 0 && available > MAX_STOCK) {
    const room = MAX_STOCK - previous;
    throw new ConflictError(`Cannot add ${change.delta} unit(s) of ${sku}: it has ${previous} and a stock counts at most ${MAX_STOCK}.`, [
      { path: 'delta', message: room > 0 ? `must be at most ${room}: a stock counts at most ${MAX_STOCK} units` : `cannot add a unit: a stock counts at most ${MAX_STOCK} units` },
    ]);
  }
  return available;
};
