import { NotFoundError } from '#kernel/errors';
import type { Order } from '../domain/order';
import type { OrderLookup, OrderTokenCheck } from './ports';
import { orderView } from './order-view';

export interface OrderReader {
  orderId: string;
  /** The X-Order-Token given at checkout, if sent. */
  token: string | undefined;
  /** The signed-in customer, if any. */
  customerId: string | undefined;
}

/** What reading an order needs: the orders, and the order tokens to check a reader's against. */
export interface OrderReadDeps {
  orders: OrderLookup;
  orderTokens: OrderTokenCheck;
}

/**
 * The order, if the reader holds its token or is the signed-in customer who placed it. Anyone
 * else gets the same 404 as for an order that does not exist, so ids reveal nothing.
 */
export const readableOrder = async (deps: OrderReadDeps, reader: OrderReader): Promise<Order> => {
  const found = await deps.orders.get(reader.orderId);
  // The customer who placed it first: their request never needs the token's key.
  const allowed =
    found &&
    ((reader.customerId !== undefined && found.order.customerId === reader.customerId) || (await deps.orderTokens.matches(reader.orderId, reader.token)));
  if (!found || !allowed) throw new NotFoundError(`There is no order ${reader.orderId}.`);
  return found.order;
};

/** One order, as its reader sees it. */
export const getOrder = async (deps: OrderReadDeps, reader: OrderReader) => orderView(await readableOrder(deps, reader));
