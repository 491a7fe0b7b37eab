import { StockChanged } from '../contracts/events';
import type { ProductRepository, StockChange } from './ports';
import { isLowStock } from '../domain/product';
import { eventOf, type EventPublisher } from '#kernel/events';

/**
 * Adjusts (`delta`) or sets (`set`) the stock of a physical product (admin).
 * 1. Changes the count atomically; it never goes below zero (ConflictError).
 * 2. Publishes `StockChanged`, flagged `low` at or under the threshold.
 * Output: the sku and the units now available.
 */
export const changeStock = async (
  deps: { products: ProductRepository; publisher: EventPublisher },
  sku: string,
  change: StockChange,
  correlationId: string,
): Promise<{ sku: string; available: number }> => {
  const { previous, available } = await deps.products.changeStock(sku, change);
  await deps.publisher.publish(
    [eventOf(StockChanged, { sku, previous, available, reason: 'adjustment', low: isLowStock(available) })],
    correlationId,
  );
  return { sku, available };
};
