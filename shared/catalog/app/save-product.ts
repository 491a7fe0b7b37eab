import { eventOf } from '#kernel/events';
import { assertShopCurrency, type StoreSettings } from '#pricing/domain/index';
import { factsOf } from '#runtime/outbox';
import { ProductUpdated } from '../contracts/events';
import type { Product } from '../domain/product';
import { adjustedStock, crossedByAdmin } from './change-stock';
import type { CatalogDeps } from './ports';

/** A product as the admin sets it. `available`: the count of a physical product; absent, the stock is kept. */
export type ProductDetails = Omit<Product, 'updatedAt'>;

/**
 * Creates or updates a product (admin).
 * 1. Refuses a price in another currency than the shop's (422 naming `price.currency`): no cart
 *    could hold it, and nothing converts it.
 * 2. Saves the details with the time of the save (never an `updatedAt` the client sent back),
 *    and in the same transaction `ProductUpdated` with the whole product (outbox: never one
 *    without the other), on every save, even one that changes nothing else.
 * 3. In that write, sets the count of a physical product to `available` when it is given, as the
 *    stock endpoint's `set` does: `StockChanged` when it moves (none for the count it already had);
 *    without it the stock is kept (a new physical product starts with 0 units).
 * 4. A reorder point set (or removed) below the stock re-arms its low-stock alert in that write;
 *    one raised to or above the stock of a product that was above the old one, or units taken to
 *    it or below, is a crossing: `StockLow` in that transaction, with the alert set, as a sale
 *    would (a product created with a reorder point crossed nothing: its first sale or removal at
 *    or below it tells the shop).
 * Output: the product as stored.
 */
export const saveProduct = async (
  deps: CatalogDeps & { settings: Pick<StoreSettings, 'currency'> },
  details: ProductDetails,
  correlationId: string,
): Promise<Product> => {
  assertShopCurrency(deps.settings, details.price.currency, 'price.currency');
  const now = deps.clock();
  const { product } = await deps.products.save({ ...details, updatedAt: now.toISOString() }, (saved, stock) =>
    factsOf(
      [
        eventOf(ProductUpdated, saved),
        ...(stock && stock.available !== stock.previous ? [adjustedStock(details.sku, stock)] : []),
        ...(stock ? crossedByAdmin(stock) : []),
      ],
      { ids: deps.ids, correlationId, now },
    ),
  );
  return product;
};
