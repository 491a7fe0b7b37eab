/**
 * The key shapes of catalog items in the domain table, and nowhere else. GSI1 lists the whole
 * catalog in SKU order; GSI2 one category in SKU order.
 */

/** The whole catalog in SKU order: GSI1's one partition. */
export const catalogListing = { index: 'GSI1', partition: 'CATALOG' } as const;

/** The primary key of a product: what a Get, an Update or a transaction's item needs. */
export const productKey = (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' });

/** Every key a product item carries, its index keys included (for Put). */
export const productKeys = (sku: string) => ({ ...productKey(sku), GSI1PK: catalogListing.partition, GSI1SK: sku });

export const productCategoryKeys = (category: string, sku: string) => ({ GSI2PK: `CATEGORY#${category}`, GSI2SK: sku });

/**
 * The product attribute that says a `StockLow` was published for the current crossing of its
 * reorder point (true), until the stock goes back above it (removed).
 */
export const ALERTED = 'lowStockAlerted';
