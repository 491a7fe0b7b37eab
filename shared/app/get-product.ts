import type { ProductRepository } from '#domain/catalog/ports';
import type { Product } from '#domain/catalog/product';
import { NotFoundError } from '#domain/errors';

/** One product by SKU, or NotFoundError. */
export const getProduct = async (deps: { products: ProductRepository }, sku: string): Promise<Product> => {
  const product = await deps.products.get(sku);
  if (!product) throw new NotFoundError(`There is no product ${sku}.`);
  return product;
};
