import { ProductUpdated } from '../contracts/events';
import type { ProductRepository } from './ports';
import type { Product } from '../domain/product';
import type { Clock } from '#kernel/ports';
import { eventOf, type EventPublisher } from '#kernel/events';

export type ProductDetails = Omit<Product, 'available' | 'updatedAt'>;

/**
 * Creates or updates a product (admin).
 * 1. Saves the details, keeping the stock (a new physical product starts with 0 units).
 * 2. Publishes `ProductUpdated` with the whole product.
 * Output: the product as stored.
 */
export const saveProduct = async (
  deps: { products: ProductRepository; publisher: EventPublisher; clock: Clock },
  details: ProductDetails,
  correlationId: string,
): Promise<Product> => {
  const { product, created } = await deps.products.save({ ...details, updatedAt: deps.clock().toISOString() });
  await deps.publisher.publish([eventOf(ProductUpdated, { product, created })], correlationId);
  return product;
};
