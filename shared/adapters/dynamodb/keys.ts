import type { Order } from '#domain/order/order';

/**
 * Every item's key shape in the single table, and nowhere else. See `tables.ts` for what the
 * two GSIs serve.
 */
/** The primary key of a product: what a Get, an Update or a transaction's item needs. */
export const productKey = (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' });

/** Every key a product item carries, its index keys included (for Put). */
export const productKeys = (sku: string) => ({
  ...productKey(sku),
  // GSI1: the whole catalog in SKU order; GSI2: one category in SKU order.
  GSI1PK: 'CATALOG',
  GSI1SK: sku,
});

export const productCategoryKeys = (category: string, sku: string) => ({
  GSI2PK: `CATEGORY#${category}`,
  GSI2SK: sku,
});

export const processedEventKeys = (consumer: string, eventId: string) => ({
  PK: `EVENT#${eventId}`,
  SK: `CONSUMER#${consumer}`,
});

export const cartKeys = (cartId: string) => ({ PK: `CART#${cartId}`, SK: 'CART' });

export const promotionKeys = (code: string) => ({ PK: `PROMOTION#${code}`, SK: 'PROMOTION' });

/** A per-year sequence (order numbers, invoice numbers). */
export const counterKeys = (name: string, year: number) => ({ PK: `COUNTER#${name}#${year}`, SK: 'COUNTER' });

/**
 * An order. GSI1 lists a customer's orders newest first; GSI2 lists orders by status in time
 * order (the back office, and the expiry of unpaid orders).
 */
export const orderKeys = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' });

export const orderIndexKeys = (order: { id: string; status: string; createdAt: string; customerId?: string }) => ({
  ...(order.customerId && { GSI1PK: `CUSTOMER#${order.customerId}`, GSI1SK: `${order.createdAt}#${order.id}` }),
  GSI2PK: `ORDER_STATUS#${order.status}`,
  GSI2SK: `${order.createdAt}#${order.id}`,
});

/** An order as stored, without its keys and its token hash: the domain's `Order`. */
export const orderFromItem = (item: Record<string, unknown>): Order => {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, tokenHash: _g, ...order } = item;
  return order as unknown as Order;
};
