/** The key shapes of cart-context items in the domain table, and nowhere else. */
export const cartKeys = (cartId: string) => ({ PK: `CART#${cartId}`, SK: 'CART' });

export const promotionKeys = (code: string) => ({ PK: `PROMOTION#${code}`, SK: 'PROMOTION' });
