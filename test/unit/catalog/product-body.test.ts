import { describe, expect, it } from 'vitest';
import { PutProductBodySchema, productAtPath } from '#catalog/contracts/http';
import { ValidationError } from '#kernel/errors';
import { fieldErrors } from '#runtime/validate';

const body = { name: 'Plat à emporter', type: 'physical', price: { amount: 1100, currency: 'EUR' }, category: 'takeaway' };
/** The fields a 400 names for this body. */
const pathsRefused = (input: object) => fieldErrors(PutProductBodySchema.safeParse(input).error?.issues ?? [], '').map((e) => e.path);

describe("the product body's tax category", () => {
  it('catalogues a product at the French 10 % as `intermediate`', () => {
    expect(PutProductBodySchema.parse({ ...body, taxCategory: 'intermediate' })).toMatchObject({ taxCategory: 'intermediate' });
  });

  it('still refuses a category it does not know, naming the field', () => {
    const parsed = PutProductBodySchema.safeParse({ ...body, taxCategory: 'ten_percent' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['taxCategory']);
  });
});

describe('the product body takes a product as it was read', () => {
  const mug = { ...body, taxCategory: 'standard' };
  // What GET /products/{sku} answers for a physical product: every field of a Product.
  const read = { sku: 'Mug-01', ...mug, description: 'Émail bleu.', available: 12, updatedAt: '2026-11-24T10:00:00.000Z' };

  it('takes a product exactly as GET /products/{sku} answers it', () => {
    expect(PutProductBodySchema.parse(read)).toEqual(read);
  });

  it('takes a `sku`, case kept, and refuses one that is no SKU, naming `sku`', () => {
    expect(PutProductBodySchema.parse({ ...mug, sku: 'mUg-01' })).toMatchObject({ sku: 'mUg-01' });
    expect(pathsRefused({ ...mug, sku: 'mug 01' })).toEqual(['sku']);
    expect(pathsRefused({ ...mug, sku: '..' })).toEqual(['sku']);
  });

  it('takes `available` on a physical product, a whole count of units, naming it otherwise (a new product past 1 000 000 is refused by the domain: one read back may count more)', () => {
    expect(PutProductBodySchema.parse({ ...mug, available: 0 })).toMatchObject({ available: 0 });
    expect(PutProductBodySchema.parse({ ...mug, available: 1_000_002 })).toMatchObject({ available: 1_000_002 });
    for (const available of [-1, 1.5, '5', null]) expect(pathsRefused({ ...mug, available })).toEqual(['available']);
  });

  it('refuses `available` on a digital product, as it refuses a reorder point there, naming it', () => {
    const ebook = { ...mug, type: 'digital', taxCategory: 'reduced' };
    expect(pathsRefused({ ...ebook, available: 3 })).toEqual(['available']);
    expect(pathsRefused({ ...ebook, available: 0 })).toEqual(['available']);
    expect(PutProductBodySchema.parse(ebook)).not.toHaveProperty('available');
  });

  it('takes `updatedAt`, the date the server set, and refuses what is no such date, naming it', () => {
    expect(PutProductBodySchema.parse({ ...mug, updatedAt: '2026-11-24T10:00:00.000Z' })).toMatchObject({ updatedAt: '2026-11-24T10:00:00.000Z' });
    expect(pathsRefused({ ...mug, updatedAt: 'yesterday' })).toEqual(['updatedAt']);
  });

  it('still refuses a field no product has, naming it', () => {
    expect(pathsRefused({ ...read, reserved: 2 })).toEqual(['reserved']);
  });
});

describe("a PUT's product at its path", () => {
  const parsed = PutProductBodySchema.parse({ ...body, taxCategory: 'standard' });

  it("is the body at the path's SKU, whether the body names it or not", () => {
    expect(productAtPath('Mug-01', parsed)).toEqual({ ...parsed, sku: 'Mug-01' });
    expect(productAtPath('Mug-01', { ...parsed, sku: 'Mug-01' })).toEqual({ ...parsed, sku: 'Mug-01' });
  });

  it('refuses a body naming another product, even one the same but for case, naming `sku`', () => {
    for (const named of ['Mug-02', 'MUG-01']) {
      const refused = (() => {
        try {
          productAtPath('Mug-01', { ...parsed, sku: named });
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).errors).toEqual([{ path: 'sku', message: 'must be the SKU in the path, Mug-01' }]);
    }
  });
});

describe("the product body's reorder point", () => {
  const mug = { ...body, taxCategory: 'standard' };
  const ebook = { ...mug, type: 'digital', taxCategory: 'reduced' };

  it('takes a point, `null` (remove it) or none (keep the stored one) on a physical product', () => {
    expect(PutProductBodySchema.parse({ ...mug, reorderPoint: 5 })).toMatchObject({ reorderPoint: 5 });
    expect(PutProductBodySchema.parse({ ...mug, reorderPoint: null })).toMatchObject({ reorderPoint: null });
    expect(PutProductBodySchema.parse(mug)).not.toHaveProperty('reorderPoint');
  });

  it('takes `null` on a digital product, which has no point to keep, and still refuses a number there, naming it', () => {
    expect(PutProductBodySchema.parse({ ...ebook, reorderPoint: null })).toMatchObject({ reorderPoint: null });
    expect(pathsRefused({ ...ebook, reorderPoint: 0 })).toEqual(['reorderPoint']);
  });

  it('refuses what is no count of units, naming it', () => {
    for (const reorderPoint of [-1, 1.5, 1_000_001, '5']) expect(pathsRefused({ ...mug, reorderPoint })).toEqual(['reorderPoint']);
  });
});
