import type { Money } from '#kernel/money';
import type { ProductType, TaxCategory } from '#pricing/domain/index';

export type { ProductType, TaxCategory };

export interface Product {
  sku: string;
  name: string;
  description: string;
  type: ProductType;
  price: Money;
  taxCategory: TaxCategory;
  /** Units that can still be sold. Physical goods only; digital goods never run out. */
  available?: number;
  category: string;
  /** At or below this many available units, the shop is told (`StockLow`, once per crossing). Physical goods only. */
  reorderPoint?: number;
  updatedAt: string;
}

/** Stock is always counted for physical goods, never for digital ones. */
export const isStocked = (p: Pick<Product, 'type'>): boolean => p.type === 'physical';
