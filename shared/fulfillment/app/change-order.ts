import { ConflictError, NotFoundError } from '#kernel/errors';
import type { Order } from '#ordering/domain/order';
import type { FulfillmentDeps, OrderChange } from './ports';

/** Attempts before a change that keeps losing to concurrent ones gives up with a 409. */
const MAX_ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));

/**
 * Reads the order, lets `decide` plan a change from it (pure: the domain decides), and writes it
 * only if the order is still as read; on a race, reads again and decides again. `decide` returns
 * the change to write (or none: nothing to do) and what the caller gets back.
 */
export const changeOrder = async <R>(
  deps: FulfillmentDeps,
  orderId: string,
  decide: (order: Order, now: Date) => { change?: OrderChange; result: R },
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
