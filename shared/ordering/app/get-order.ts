import { NotFoundError } from '#kernel/errors';
import type { Order } from '../domain/order';
import type { OrderRepository } from './ports';
import { orderView } from './order-view';
import { tokenMatches } from '#kernel/ids';

export interface OrderReader {
  orderId: string;
  /** The X-Order-Token given at checkout, if sent. */
  token: string | undefined;
  /** The signed-in customer, if any. */
  customerId: string | undefined;
}

/**
 * The order, if the reader holds its token or is the signed-in customer who placed it. Anyone
 * else gets the same 404 as for an order that does not exist, so ids reveal nothing.
 */
export const readableOrder = async (deps: { orders: OrderRepository }, reader: OrderReader): Promise<Order> => {
  const found = await deps.orders.get(reader.orderId);
  const allowed =
    found && (tokenMatches(found.tokenHash, reader.token) || (reader.customerId !== undefined && found.order.customerId === reader.customerId));
  if (!found || !allowed) throw new NotFoundError(`There is no order ${reader.orderId}.`);
  return found.order;
};

/** One order, as its reader sees it. */
export const getOrder = async (deps: { orders: OrderRepository }, reader: OrderReader) => orderView(await readableOrder(deps, reader));
