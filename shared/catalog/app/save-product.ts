import { eventOf } from '#kernel/events';
import { assertShopCurrency, type StoreSettings } from '#pricing/domain/index';
import { factsOf } from '#runtime/outbox';
import { ProductUpdated } from '../contracts/events';
import type { Product, ProductDetails } from '../domain/product';
import { adjustedStock, crossedByAdmin } from './change-stock';
import type { CatalogDeps } from './ports';

export type { ProductDetails };

/**
 * Creates or updates a product (admin).
 * 1. Refuses a price in another currency than the shop's (422 naming `price.currency`): no cart
 *    could hold it, and nothing converts it.
 * 2. Against the product as it is (the domain's `productAsSaved`), refuses to change its type
 *    (409 naming `type`) or to set the count of an existing product (409 naming `available`: a
 *    copy read before a sale would sell its units twice; the count it has is no change), and
 *    keeps its reorder point when none is sent (`null` removes it). Nothing is written then.
 * 3. Saves the details with the time of the save (never an `updatedAt` the client sent back),
 *    and in the same transaction `ProductUpdated` with the whole product (outbox: never one
 *    without the other), on every save, even one that changes nothing else; the write happens
 *    only if the product (and its stock, when `available` was sent) is still as read.
 * 4. A new physical product starts with `available` units (0 without): `StockChanged` from 0 in
 *    that write.
 * 5. A reorder point set (or removed) below the stock re-arms its low-stock alert in that write;
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
  const { product } = await deps.products.save(details, now.toISOString(), (saved, stock) =>
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
