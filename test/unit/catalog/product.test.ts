import { describe, expect, it } from 'vitest';
import { productAsSaved, type Product, type ProductDetails } from '#catalog/domain/product';
import { ConflictError } from '#kernel/errors';
import { aProduct } from '../../fixtures/products';

const at = '2026-12-07T10:00:00.000Z';
const stored = productAsSaved(undefined, aProduct({ sku: 'MUG-1', available: 3, reorderPoint: 2 }), '2026-12-01T10:00:00.000Z');
/** The ConflictError's fields (with its detail), or what the save returned. */
const refusal = (from: Product | undefined, details: ProductDetails) => {
  try {
    return productAsSaved(from, details, at);
  } catch (error) {
    expect(error).toBeInstanceOf(ConflictError);
    return { detail: (error as ConflictError).message, errors: (error as ConflictError).errors };
  }
};

describe('a product as an admin saves it', () => {
  it('starts a new physical product with the units sent, or none, and no reorder point unless one is sent', () => {
    expect(productAsSaved(undefined, aProduct({ sku: 'NEW-1', available: 7 }), at)).toEqual({ ...aProduct({ sku: 'NEW-1' }), available: 7, updatedAt: at });
    expect(productAsSaved(undefined, aProduct({ sku: 'NEW-1', reorderPoint: null }), at)).toEqual({ ...aProduct({ sku: 'NEW-1' }), available: 0, updatedAt: at });
  });

  it('keeps the stock of an existing product: the count it has is no change, another is refused naming `available`, with the count and where to change it', () => {
    expect(productAsSaved(stored, aProduct({ sku: 'MUG-1', name: 'Mug', available: 3 }), at)).toMatchObject({ name: 'Mug', available: 3 });
    expect(productAsSaved(stored, aProduct({ sku: 'MUG-1' }), at)).toMatchObject({ available: 3 });
    const refused = refusal(stored, aProduct({ sku: 'MUG-1', available: 4 }));
    expect(refused).toEqual({ detail: expect.stringContaining('POST /admin/products/MUG-1/stock'), errors: [{ path: 'available', message: expect.stringContaining('must be 3') }] });
    expect((refused as { detail: string }).detail).toContain('3 unit(s) in stock');
  });

  it('never changes the type of a product, either way, naming `type`', () => {
    expect(refusal(stored, aProduct({ sku: 'MUG-1', type: 'digital' }))).toMatchObject({ errors: [{ path: 'type', message: expect.stringContaining('must be physical') }] });
    const ebook = productAsSaved(undefined, aProduct({ sku: 'EBOOK-1', type: 'digital' }), at);
    expect(refusal(ebook, aProduct({ sku: 'EBOOK-1', type: 'physical', available: 0 }))).toMatchObject({
      detail: expect.stringContaining('another sku'),
      errors: [{ path: 'type', message: expect.stringContaining('must be digital') }],
    });
  });

  it('keeps the stored reorder point when none is sent, sets the one sent, and removes it on `null`', () => {
    expect(productAsSaved(stored, aProduct({ sku: 'MUG-1' }), at)).toMatchObject({ reorderPoint: 2 });
    expect(productAsSaved(stored, aProduct({ sku: 'MUG-1', reorderPoint: 5 }), at)).toMatchObject({ reorderPoint: 5 });
    expect(productAsSaved(stored, aProduct({ sku: 'MUG-1', reorderPoint: null }), at)).not.toHaveProperty('reorderPoint');
  });
});
