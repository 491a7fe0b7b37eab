import type { ClaimedFacts } from '#kernel/events';
import { eventOf } from '#kernel/events';
import type { Clock, IdGenerator } from '#kernel/ports';
import { factsOf, type OutboxEntry } from '#runtime/outbox';
import { StockChanged } from '../contracts/events';
import { isLowStock } from '../domain/product';
import type { ProductReader } from './ports';

const CONSUMER = 'report-order-stock';

export interface OrderStockMove {
  /** The event that moved the stock: `OrderPlaced` took units, `OrderCancelled` gave them back. */
  eventId: string;
  reason: 'order_placed' | 'order_cancelled';
  items: readonly { sku: string; type: string; quantity: number }[];
}

/**
 * After an order is placed or cancelled, says what it did to the stock, so that low stock is
 * noticed as sales happen (checkout and expiry stay lean and read no product).
 * 1. Reads each physical product's stock now; `previous` is that stock with the order's units
 *    given back (placed) or taken again (cancelled). Under concurrent sales it is approximate;
 *    `available` and `low` are exact at the time of the read.
 * 2. Claims the event and writes the `StockChanged` facts in one transaction (outbox): a
 *    redelivered, replayed or concurrent copy of the event writes nothing.
 * Output: how many facts were written.
 */
export const reportOrderStock = async (
  deps: { products: ProductReader; processed: ClaimedFacts<OutboxEntry>; ids: IdGenerator; clock: Clock },
  move: OrderStockMove,
  correlationId: string,
): Promise<number> => {
  const events = [];
  for (const item of move.items.filter((i) => i.type === 'physical')) {
    const available = (await deps.products.get(item.sku))?.available;
    if (available === undefined) continue;
    const previous = move.reason === 'order_placed' ? available + item.quantity : available - item.quantity;
    events.push(eventOf(StockChanged, { sku: item.sku, previous, available, reason: move.reason, low: isLowStock(available) }));
  }
  const facts = factsOf(events, { ids: deps.ids, correlationId, now: deps.clock() });
  return (await deps.processed.claimWith(CONSUMER, move.eventId, facts)) ? facts.length : 0;
};
