import { ValidationError } from '#kernel/errors';
import type { Page } from '#kernel/ports';
import { ORDER_NUMBER } from '../contracts/admin-http';
import type { Order, OrderStatus } from '../domain/order';
import { orderView } from './order-view';
import type { OrderSearch } from './ports';

export interface OrderFilters {
  status?: OrderStatus;
  /** An order number or an email address (the query schema has checked it is one of the two). */
  q?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The back office's list of orders, a page at a time. Input: optional filters, as the query
 * schema validated them. Output: the orders, shaped as their customers see them, and the cursor
 * of the next page (null at the end).
 * 1. `q` an order number: that order alone (one page: a cursor is refused, 400 `query.cursor`),
 *    if its status is `status` when one is asked.
 * 2. `q` an email address: its orders, newest first; with `status`, the others are left out of
 *    each page (a page may then hold fewer than `limit`, and still have a next one).
 * 3. Otherwise: the orders in `status`, or in any status, newest first.
 */
export const listOrders = async (deps: { search: OrderSearch }, filters: OrderFilters): Promise<Page<ReturnType<typeof orderView>>> => {
  const page = { cursor: filters.cursor, limit: filters.limit ?? 20 };
  const inStatus = (order: Order) => filters.status === undefined || order.status === filters.status;
  let found: Page<Order>;
  if (filters.q !== undefined && ORDER_NUMBER.test(filters.q)) {
    if (filters.cursor !== undefined) {
      throw new ValidationError('A search by order number has one page: it takes no cursor.', [{ path: 'query.cursor', message: 'is not a valid cursor' }]);
    }
    const order = await deps.search.byNumber(filters.q);
    found = { items: order ? [order] : [], nextCursor: null };
  } else if (filters.q !== undefined) {
    found = await deps.search.byEmail(filters.q, page);
  } else {
    found = await deps.search.byStatus(filters.status, page);
  }
  return { items: found.items.filter(inStatus).map(orderView), nextCursor: found.nextCursor };
};
