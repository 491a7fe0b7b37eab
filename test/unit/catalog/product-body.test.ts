import { describe, expect, it } from 'vitest';
import { PutProductBodySchema } from '#catalog/contracts/http';

const body = { name: 'Plat à emporter', type: 'physical', price: { amount: 1100, currency: 'EUR' }, category: 'takeaway' };

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
