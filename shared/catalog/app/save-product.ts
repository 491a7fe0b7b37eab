import { eventOf } from '#kernel/events';
import { assertShopCurrency, type StoreSettings } from '#pricing/domain/index';
import { factsOf } from '#runtime/outbox';
import { ProductUpdated, StockLow } from '../contracts/events';
import type { Product } from '../domain/product';
import type { CatalogDeps } from './ports';

export type ProductDetails = Omit<Product, 'available' | 'updatedAt'>;

/**
 * Creates or updates a product (admin).
 * 1. Refuses a price in another currency than the shop's (422 naming `price.currency`): no cart
 *    could hold it, and nothing converts it.
 * 2. Saves the details, keeping the stock (a new physical product starts with 0 units), and in
 *    the same transaction `ProductUpdated` with the whole product (outbox: never one without the other).
 *    A reorder point set (or removed) below the stock re-arms its low-stock alert in that write;
 *    one raised to or above the stock of a product that was above the old one is a crossing:
 *    `StockLow` in that transaction, with the alert set, as a sale would (a product created with
 *    a reorder point crossed nothing: its first sale or removal at or below it tells the shop).
 * Output: the product as stored.
 */
export const saveProduct = async (
  deps: CatalogDeps & { settings: Pick<StoreSettings, 'currency'> },
  details: ProductDetails,
  correlationId: string,
): Promise<Product> => {
  assertShopCurrency(deps.settings, details.price.currency, 'price.currency');
  const now = deps.clock();
  const { product } = await deps.products.save({ ...details, updatedAt: now.toISOString() }, (saved, crossing) =>
    factsOf([eventOf(ProductUpdated, saved), ...(crossing ? [eventOf(StockLow, { ...crossing, availableAsOf: 'change' })] : [])], { ids: deps.ids, correlationId, now }),
  );
  return product;
};
