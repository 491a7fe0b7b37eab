import { ConflictError, NotFoundError } from '#kernel/errors';
import type { Clock } from '#kernel/ports';
import type { OutboxEntry } from '#runtime/outbox';
import type { Order, OrderStatus } from '../domain/order';
import type { OrderRepository } from './ports';

/** A change another context makes to an order it read: its new status and fields, with the facts about it. */
export interface OrderChange {
  status: OrderStatus;
  fields: Partial<Order>;
  at: string;
  facts: readonly OutboxEntry[];
}

/**
 * Writes a change to an order and its facts in one transaction, only if the order is as it was
 * read (same status, same revision): false, with nothing written, when it changed in between.
 */
export interface OrderChangeStore<C extends OrderChange = OrderChange> {
  save(order: Order, change: C): Promise<boolean>;
}

export interface OrderChangeDeps<C extends OrderChange = OrderChange> {
  orders: Pick<OrderRepository, 'get'>;
  store: OrderChangeStore<C>;
  clock: Clock;
}

/** Attempts before a change that keeps losing to concurrent ones gives up with a 409. */
const MAX_ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));

/**
 * Reads the order, lets `decide` plan a change from it (pure: the domain decides), and writes it
 * only if the order is still as read; on a race, reads again and decides again. `decide` returns
 * the change to write (or none: nothing to do) and what the caller gets back.
 */
export const changeOrder = async <R, C extends OrderChange = OrderChange>(
  deps: OrderChangeDeps<C>,
  orderId: string,
  decide: (order: Order, now: Date) => { change?: C; result: R },
): Promise<R> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.orders.get(orderId);
    if (!found) throw new NotFoundError(`There is no order ${orderId}.`);
    const { change, result } = decide(found.order, deps.clock());
    if (!change || (await deps.store.save(found.order, change))) return result;
    await pause(attempt);
  }
  throw new ConflictError(`Order ${orderId} changed too often at the same time; try again.`);
};
