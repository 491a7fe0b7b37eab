import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '#kernel/errors';
import { MAX_FIELD_ERRORS, parseInput } from '#runtime/validate';

const refusal = (input: unknown) => {
  try {
    parseInput(z.strictObject({ quantity: z.number() }), input, 'body');
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('parsed');
};

describe('a request body at fault', () => {
  it('names every field at fault when there are few', () => {
    const error = refusal({ quantity: 'x', colour: 'red' });
    expect(error.errors.map((e) => e.path)).toEqual(['body.quantity', 'body.colour']);
    expect(error.message).not.toContain('more');
  });

  it(`names the first ${MAX_FIELD_ERRORS} of 5,000 unknown fields and counts the rest, so the answer stays small`, () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
    const error = refusal({ quantity: 1, ...body });
    expect(error.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(error.errors[0]).toEqual({ path: 'body.k0', message: 'is not a known field' });
    expect(error.message).toMatch(/; and 4950 more\.$/);
    expect(error.message.length).toBeLessThan(2000);
  });
});
