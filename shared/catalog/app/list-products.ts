import type { ProductRepository } from './ports';
import type { Product } from '../domain/product';
import type { Page } from '#kernel/ports';

/**
 * Lists the catalog, optionally one category, a page at a time.
 * Input: category?, cursor? (opaque, from the previous page), limit? (default 20).
 * Output: a page of products and the cursor of the next one (null at the end).
 */
export const listProducts = (
  deps: { products: ProductRepository },
  query: { category?: string; cursor?: string; limit?: number },
): Promise<Page<Product>> => deps.products.list({ ...query, limit: query.limit ?? 20 });
