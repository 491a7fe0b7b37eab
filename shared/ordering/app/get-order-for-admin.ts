import { NotFoundError } from '#kernel/errors';
import { orderView } from './order-view';
import type { OrderRepository } from './ports';

/**
 * One order, for the back office (the route is for admins only: no token, no owner to check).
 * Shaped as its customer sees it, for now; 404 if there is no such order.
 */
export const getOrderForAdmin = async (deps: { orders: Pick<OrderRepository, 'get'> }, orderId: string) => {
  const found = await deps.orders.get(orderId);
  if (!found) throw new NotFoundError(`There is no order ${orderId}.`);
  return orderView(found.order);
};
