import { StockChanged } from '../contracts/events';
import type { ProductRepository } from './ports';
import { isLowStock } from '../domain/product';
import { eventOf, type EventPublisher, type ProcessedEvents } from '#kernel/events';

const CONSUMER = 'report-reserved-stock';

/**
 * After an order is placed, says what it did to the stock, so that low stock is noticed as
 * sales happen (checkout itself stays at three DynamoDB requests and reads no product).
 * 1. Claims the `OrderPlaced` event, so a redelivery publishes nothing twice.
 * 2. Reads each physical product's stock now and publishes `StockChanged` (`order_placed`),
 *    `previous` being that stock plus what the order took.
 * If publishing fails the claim is released and the error rethrown, so the queue retries.
 */
export const reportReservedStock = async (
  deps: { products: ProductRepository; publisher: EventPublisher; processed: ProcessedEvents },
  placed: { eventId: string; items: readonly { sku: string; type: string; quantity: number }[] },
  correlationId: string,
): Promise<number> => {
  if (!(await deps.processed.claim(CONSUMER, placed.eventId))) return 0;
  try {
    const events = [];
    for (const item of placed.items.filter((i) => i.type === 'physical')) {
      const product = await deps.products.get(item.sku);
      if (product?.available === undefined) continue;
      const available = product.available;
      events.push(eventOf(StockChanged, { sku: item.sku, previous: available + item.quantity, available, reason: 'order_placed', low: isLowStock(available) }));
    }
    if (events.length > 0) await deps.publisher.publish(events, correlationId);
    return events.length;
  } catch (error) {
    await deps.processed.release(CONSUMER, placed.eventId);
    throw error;
  }
};
