import type { Clock, IdGenerator, Page } from '#kernel/ports';
import type { OutboxEntry } from '#runtime/outbox';
import type { Product, ProductDetails } from '../domain/product';
import type { WatchedStock } from '../domain/reorder-point';

/** Reading products: what carts and ordering need of the catalog. */
export type ProductReader = Pick<ProductRepository, 'get'>;

export interface SavedProduct {
  product: Product;
  created: boolean;
}

/**
 * A write of the catalog that takes a product to its reorder point or below for a crossing the
 * shop has not heard of (the domain's `afterAdminChange`): the write
 * sets the product's low-stock alert, and its facts include the `StockLow` these make.
 */
export interface LowStockCrossing {
  sku: string;
  name: string;
  /** The units right after the write. */
  available: number;
  reorderPoint: number;
}

export interface StockMove {
  previous: number;
  available: number;
  /** The product's reorder point when its stock moved, if it has one. */
  reorderPoint?: number;
  /** Set when this change is a crossing: its facts include `StockLow`. */
  crossing?: LowStockCrossing;
}

export type StockChange = { delta: number } | { set: number };

export interface ProductRepository {
  get(sku: string): Promise<Product | undefined>;
  list(query: { category?: string; cursor?: string; limit: number }): Promise<Page<Product>>;
  /**
   * Creates or replaces the product's details, at `updatedAt`, as the domain's `productAsSaved`
   * makes them of the product as it is (its ConflictError thrown, nothing written): a new physical
   * product starts with `available` units (0 without), an existing one keeps its count (the one it
   * has may be sent, checked against the stock when written) and its reorder point unless `null`.
   * The facts `factsOf` states about the result are written in the same transaction (outbox).
   * `stock` (physical goods): the count before and after this write, exact when they differ; its
   * `crossing` is set when the new reorder point puts the stock at or below it for a crossing the
   * shop has not heard of.
   */
  save(details: ProductDetails, updatedAt: string, factsOf: (saved: SavedProduct, stock?: StockMove) => OutboxEntry[]): Promise<SavedProduct>;
  /**
   * Changes the stock, with the facts about it, in one transaction: the product's low-stock alert
   * is set there when the change is a crossing (`crossing`), cleared when it leaves the stock above
   * the reorder point. Throws NotFoundError for an unknown sku, UnprocessableError for a digital
   * product, ConflictError when a negative delta would take stock below zero.
   */
  changeStock(sku: string, change: StockChange, factsOf: (moved: StockMove) => OutboxEntry[]): Promise<StockMove>;
}

/** A physical product's stock as the inventory worker watches it. */
export interface ProductStock extends WatchedStock {
  sku: string;
  name: string;
}

/** A change to a product's low-stock alert, written with the facts of the event that caused it. */
export type AlertChange =
  /** Sets the alert, only if the stock is still at or below `reorderPoint` and nobody set it since; `fact` is the `StockLow`. */
  | { sku: string; kind: 'alert'; reorderPoint: number; fact: OutboxEntry }
  /** Clears the alert, only if the stock is still above the reorder point. */
  | { sku: string; kind: 'rearm' };

/**
 * The inventory worker's view of the stock: products as they are now, and the one write that
 * records what an order did to them (the event's claim, its facts, the alerts).
 */
export interface StockAlerts {
  /**
   * The stock now (strongly consistent) of each of these products, read at once; an unknown or a
   * digital product has none.
   */
  read(skus: readonly string[]): Promise<Map<string, ProductStock>>;
  /**
   * Claims the event and writes its facts and alert changes in one transaction. `duplicate`: the
   * event was claimed before (nothing written); `stale`: a product moved since it was read (an
   * alert change's condition failed, or a concurrent transaction won): read again and retry.
   */
  record(claim: { consumer: string; eventId: string }, facts: readonly OutboxEntry[], changes: readonly AlertChange[]): Promise<'recorded' | 'duplicate' | 'stale'>;
}

/** A physical product's stock as the product item stores it: what the admin's stock view starts from. */
export interface StockLevel {
  sku: string;
  available: number;
  reorderPoint?: number;
}

export interface StockLevels {
  /** Every physical product's stock, in SKU order. */
  list(): Promise<StockLevel[]>;
}

/**
 * The units held by unpaid orders, which products do not store: taken from `available` at
 * checkout, they are held until the order is paid (sold) or cancelled (given back). Ordering
 * knows its orders and implements this.
 */
export interface StockReservations {
  /** Units held per SKU by every order still `pending_payment`; a SKU no such order holds is absent. */
  unitsHeld(): Promise<ReadonlyMap<string, number>>;
}

/** What the catalog's use cases that state facts need: the products, new event ids, the time. */
export interface CatalogDeps {
  products: ProductRepository;
  ids: IdGenerator;
  clock: Clock;
}
