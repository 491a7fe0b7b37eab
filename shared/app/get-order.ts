import { NotFoundError } from '#domain/errors';
import type { OrderRepository } from '#domain/order/ports';
import { orderView } from './order-view';
import { tokenMatches } from './tokens';

/**
 * One order, for whoever holds its token or the signed-in customer who placed it. Anyone
 * else gets the same 404 as for an order that does not exist.
 */
export const getOrder = async (
  deps: { orders: OrderRepository },
  input: { orderId: string; token: string | undefined; customerId: string | undefined },
) => {
  const found = await deps.orders.get(input.orderId);
  const allowed =
    found && (tokenMatches(found.tokenHash, input.token) || (input.customerId !== undefined && found.order.customerId === input.customerId));
  if (!found || !allowed) throw new NotFoundError(`There is no order ${input.orderId}.`);
  return orderView(found.order);
};
