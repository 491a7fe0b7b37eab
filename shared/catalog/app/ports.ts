import type { Clock, IdGenerator, Page } from '#kernel/ports';
import type { OutboxEntry } from '#runtime/outbox';
import type { Product } from '../domain/product';

/** Reading products: what carts and ordering need of the catalog. */
export type ProductReader = Pick<ProductRepository, 'get'>;

export interface SavedProduct {
  product: Product;
  created: boolean;
}

export interface StockMove {
  previous: number;
  available: number;
}

export type StockChange = { delta: number } | { set: number };

export interface ProductRepository {
  get(sku: string): Promise<Product | undefined>;
  list(query: { category?: string; cursor?: string; limit: number }): Promise<Page<Product>>;
  /**
   * Creates or replaces the product's details; stock is kept (new physical products start at 0).
   * The facts `factsOf` states about the result are written in the same transaction (outbox).
   */
  save(product: Omit<Product, 'available'>, factsOf: (saved: SavedProduct) => OutboxEntry[]): Promise<SavedProduct>;
  /**
   * Changes the stock, with the facts about it, in one transaction. Throws NotFoundError for an
   * unknown sku, UnprocessableError for a digital product, ConflictError when a negative delta
   * would take stock below zero.
   */
  changeStock(sku: string, change: StockChange, factsOf: (moved: StockMove) => OutboxEntry[]): Promise<StockMove>;
}

/** What the catalog's use cases that state facts need: the products, new event ids, the time. */
export interface CatalogDeps {
  products: ProductRepository;
  ids: IdGenerator;
  clock: Clock;
}
