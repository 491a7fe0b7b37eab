import type { ProductRepository } from './ports';
import type { Product } from '../domain/product';
import { NotFoundError } from '#kernel/errors';

/** One product by SKU, or NotFoundError. */
export const getProduct = async (deps: { products: ProductRepository }, sku: string): Promise<Product> => {
  const product = await deps.products.get(sku);
  if (!product) throw new NotFoundError(`There is no product ${sku}.`);
  return product;
};
