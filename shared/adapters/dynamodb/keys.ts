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
