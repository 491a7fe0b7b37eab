import type { Order } from '../domain/order';

/**
 * The key shapes of orders in the domain table, and nowhere else. GSI1 lists a customer's
 * orders newest first; GSI2 lists orders by status in time order (the back office, expiry).
 */
export const orderKeys = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' });

export const orderIndexKeys = (order: { id: string; status: string; createdAt: string; customerId?: string }) => ({
  ...(order.customerId && { GSI1PK: `CUSTOMER#${order.customerId}`, GSI1SK: `${order.createdAt}#${order.id}` }),
  GSI2PK: orderStatusPartition(order.status),
  GSI2SK: `${order.createdAt}#${order.id}`,
});

export const orderStatusPartition = (status: string) => `ORDER_STATUS#${status}`;

export const customerOrdersPartition = (customerId: string) => `CUSTOMER#${customerId}`;

/** The per-year counter of order numbers. */
export const orderCounterKey = (year: number) => ({ PK: `COUNTER#order#${year}`, SK: 'COUNTER' });

/** An order as stored, without its keys and its token hash: the domain's `Order`. */
export const orderFromItem = (item: Record<string, unknown>): Order => {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, tokenHash: _g, ...order } = item;
  return order as unknown as Order;
};
