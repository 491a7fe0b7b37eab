import { ConflictError } from '#kernel/errors';
import { eventOf, type OutgoingEvent } from '#kernel/events';
import type { Clock, IdGenerator } from '#kernel/ports';
import { factsOf, outboxEntry } from '#runtime/outbox';
import { StockChanged, StockLow } from '../contracts/events';
import { afterRestock, afterSale, isLowStock } from '../domain/reorder-point';
import type { AlertChange, ProductStock, StockAlerts } from './ports';

const CONSUMER = 'report-order-stock';

/** Reads before giving up (the message then goes back to its queue and is retried). */
const MAX_ATTEMPTS = 10;

export interface OrderStockMove {
  /**
   * The event that moved the stock: `OrderPlaced` took units, `OrderCancelled` gave them back,
   * `ReturnReceived` put a return's undamaged units back on sale.
   */
  eventId: string;
  reason: 'order_placed' | 'order_cancelled' | 'return_received';
  /** The order whose units moved, and the return that brought them back: named on `StockChanged`, for a stock ledger. */
  orderId?: string;
  returnId?: string;
  items: readonly { sku: string; type: string; quantity: number }[];
}

/** The units a received return put back in stock: what came back, less the damaged units (physical goods only can come back). */
export const restockedByReturn = (received: readonly { sku: string; received: number; damaged: number }[] = []): OrderStockMove['items'] =>
  received.filter((l) => l.received > l.damaged).map((l) => ({ sku: l.sku, type: 'physical', quantity: l.received - l.damaged }));

/**
 * The units a cancellation gave back to stock: the physical ones among what it cancelled (a partly
 * shipped order, its units not shipped). An `OrderCancelled` without `cancelledItems` (published
 * before them) cancelled its whole order: every line.
 */
export const releasedByCancellation = (lines: OrderStockMove['items'], cancelled?: readonly { sku: string; quantity: number }[]): OrderStockMove['items'] =>
  cancelled === undefined
    ? lines
    : cancelled.flatMap(({ sku, quantity }) => {
        const line = lines.find((l) => l.sku === sku);
        return line ? [{ sku, type: line.type, quantity }] : [];
      });

export interface OrderStockDeps {
  stock: StockAlerts;
  ids: IdGenerator;
  clock: Clock;
}

/** The units the order moved, per physical product (an order holds one line per sku; summed to be sure). */
const unitsBySku = (move: OrderStockMove) => {
  const units = new Map<string, number>();
  for (const item of move.items) if (item.type === 'physical') units.set(item.sku, (units.get(item.sku) ?? 0) + item.quantity);
  return units;
};

/** What the order did to one product: its `StockChanged`, and the change (if any) to its low-stock alert. */
const reportOf = (stock: ProductStock, quantity: number, move: OrderStockMove, at: { ids: IdGenerator; correlationId: string; now: Date }) => {
  const { sku, name, available, reorderPoint } = stock;
  // Exact: the units the order moved. `available` is the stock as read now, not right after this
  // order (its transaction returns no count), so `previous` only undoes `delta` on it.
  const delta = move.reason === 'order_placed' ? -quantity : quantity;
  const cause = { ...(move.orderId && { orderId: move.orderId }), ...(move.returnId && { returnId: move.returnId }) };
  const changed = eventOf(StockChanged, { sku, previous: available - delta, available, delta, availableAsOf: 'report', reason: move.reason, ...cause, low: isLowStock(available, reorderPoint) });
  // Only a sale is a crossing; stock coming back can only re-arm.
  const decision = move.reason === 'order_placed' ? afterSale(stock) : afterRestock(stock);
  let change: AlertChange | undefined;
  if (decision === 'alert' && reorderPoint !== undefined) {
    const fact = outboxEntry(eventOf(StockLow, { sku, name, available, reorderPoint, availableAsOf: 'report' }), { eventId: at.ids(), correlationId: at.correlationId, now: at.now });
    change = { sku, kind: 'alert', reorderPoint, fact };
  } else if (decision === 'rearm') change = { sku, kind: 'rearm' };
  return { changed, change };
};

/**
 * After an order is placed or cancelled, or a return's goods came back, says what it did to the
 * stock, and tells the shop once when a sale crosses a product's reorder point (checkout, expiry
 * and returns stay lean and read no product).
 * 1. Reads the physical products' stock now, all at once. `StockChanged` says exactly what the order
 *    moved (`delta`); its `available` and `low` are the stock as read (`availableAsOf: 'report'`),
 *    which may already count other sales, and `previous` is that stock less `delta`.
 * 2. Decides, from the domain's rule, whether a placed order's sale is a new crossing (`StockLow`,
 *    and the product's alert set) or whether stock above the reorder point re-arms the alert.
 * 3. Claims the event and writes the `StockChanged` facts, the `StockLow` facts and the alert
 *    changes in one transaction (outbox): a redelivered, replayed or concurrent copy of the event
 *    writes nothing. An alert change is guarded by the product as it is then: when a concurrent
 *    sale set the alert first (or the stock moved back), nothing is written and we read again,
 *    so of many concurrent sales crossing the point only one publishes `StockLow`.
 * Output: how many facts were written.
 */
export const reportOrderStock = async (deps: OrderStockDeps, move: OrderStockMove, correlationId: string): Promise<number> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const events: OutgoingEvent[] = [];
    const changes: AlertChange[] = [];
    const at = { ids: deps.ids, correlationId, now: deps.clock() };
    const units = unitsBySku(move);
    const stocks = await deps.stock.read([...units.keys()]);
    for (const [sku, quantity] of units) {
      const stock = stocks.get(sku);
      if (!stock) continue;
      const { changed, change } = reportOf(stock, quantity, move, at);
      events.push(changed);
      if (change) changes.push(change);
    }
    const facts = factsOf(events, at);
    const outcome = await deps.stock.record({ consumer: CONSUMER, eventId: move.eventId }, facts, changes);
    if (outcome === 'recorded') return facts.length + changes.filter((c) => c.kind === 'alert').length;
    if (outcome === 'duplicate') return 0;
  }
  throw new ConflictError(`The stock of order event ${move.eventId} kept moving while it was reported; it will be retried.`);
};
