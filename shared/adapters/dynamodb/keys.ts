/**
 * Every item's key shape in the single table, and nowhere else. See `tables.ts` for what the
 * two GSIs serve.
 */
export const productKeys = (sku: string) => ({
  PK: `PRODUCT#${sku}`,
  SK: 'PRODUCT',
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
