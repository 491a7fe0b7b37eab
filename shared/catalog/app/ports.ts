import type { Page } from '#kernel/ports';
import type { Product } from '../domain/product';

/** Reading products: what carts and ordering need of the catalog. */
export type ProductReader = Pick<ProductRepository, 'get'>;

export type StockChange = { delta: number } | { set: number };

export interface ProductRepository {
  get(sku: string): Promise<Product | undefined>;
  list(query: { category?: string; cursor?: string; limit: number }): Promise<Page<Product>>;
  /** Creates or replaces the product's details; stock is kept (new physical products start at 0). */
  save(product: Omit<Product, 'available'>): Promise<{ product: Product; created: boolean }>;
  /**
   * Changes the stock atomically. Throws NotFoundError for an unknown sku, UnprocessableError for
   * a digital product, ConflictError when a negative delta would take stock below zero.
   */
  changeStock(sku: string, change: StockChange): Promise<{ previous: number; available: number }>;
}
