import { describe, expect, it } from 'vitest';
import { StockBodySchema } from '#catalog/contracts/http';
import { fieldErrors } from '#runtime/validate';

const errorsOf = (body: unknown) => {
  const parsed = StockBodySchema.safeParse(body);
  return parsed.success ? [] : fieldErrors(parsed.error.issues, '').map((e) => e.path);
};

describe("the stock endpoint's body", () => {
  it('takes a delta or a new count, as the one change it is', () => {
    expect(StockBodySchema.parse({ delta: -2 })).toEqual({ delta: -2 });
    expect(StockBodySchema.parse({ set: 0 })).toEqual({ set: 0 });
  });

  it('names the field at fault, never the body as a whole', () => {
    expect(errorsOf({ set: 1.5 })).toEqual(['set']);
    expect(errorsOf({ set: '5' })).toEqual(['set']);
    expect(errorsOf({ set: -1 })).toEqual(['set']);
    expect(errorsOf({ delta: 0 })).toEqual(['delta']);
    expect(errorsOf({ delta: 2.5 })).toEqual(['delta']);
    expect(errorsOf({ delta: null })).toEqual(['delta']);
  });

  it('names both fields when neither or both are sent, and an unknown field by its name', () => {
    expect(errorsOf({})).toEqual(['delta', 'set']);
    expect(errorsOf({ delta: 1, set: 2 })).toEqual(['delta', 'set']);
    expect(errorsOf({ count: 3 })).toEqual(['count', 'delta', 'set']);
    expect(errorsOf({ set: 3, count: 3 })).toEqual(['count']);
  });
});
