import { createCartRepository } from '#adapters/dynamodb/cart-repository';
import { createOrderRepository } from '#adapters/dynamodb/order-repository';
import { createProductRepository } from '#adapters/dynamodb/product-repository';
import { createPromotionRepository } from '#adapters/dynamodb/promotion-repository';
import { documentClient, systemClock } from './clients';

/** The domain table's repositories, over the process's one document client. */
export const repositories = (tableName: string) => ({
  products: createProductRepository(documentClient, tableName),
  carts: createCartRepository(documentClient, tableName, systemClock),
  promotions: createPromotionRepository(documentClient, tableName),
  orders: createOrderRepository(documentClient, tableName),
});
