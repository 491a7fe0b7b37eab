import { eventOf } from '#kernel/events';
import { factsOf } from '#runtime/outbox';
import { ProductUpdated } from '../contracts/events';
import type { Product } from '../domain/product';
import type { CatalogDeps } from './ports';

export type ProductDetails = Omit<Product, 'available' | 'updatedAt'>;

/**
 * Creates or updates a product (admin).
 * 1. Saves the details, keeping the stock (a new physical product starts with 0 units), and in
 *    the same transaction `ProductUpdated` with the whole product (outbox: never one without the other).
 *    A reorder point set (or removed) below the stock re-arms its low-stock alert in that write;
 *    one set at or above the stock alerts at the next sale, not now.
 * Output: the product as stored.
 */
export const saveProduct = async (deps: CatalogDeps, details: ProductDetails, correlationId: string): Promise<Product> => {
  const now = deps.clock();
  const { product } = await deps.products.save({ ...details, updatedAt: now.toISOString() }, (saved) =>
    factsOf([eventOf(ProductUpdated, saved)], { ids: deps.ids, correlationId, now }),
  );
  return product;
};
