import type { OrderRepository } from './ports';
import { orderView } from './order-view';

/** The signed-in customer's orders, newest first, a page at a time. */
export const listMyOrders = async (
  deps: { orders: OrderRepository },
  input: { customerId: string; cursor?: string; limit?: number },
) => {
  const page = await deps.orders.listByCustomer(input.customerId, { cursor: input.cursor, limit: input.limit ?? 20 });
  return { items: page.items.map(orderView), nextCursor: page.nextCursor };
};
