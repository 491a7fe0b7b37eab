import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded } from '#kernel/money';

/** round(a / b) half up, computed with integers that cannot round. */
const exact = (a: number, b: number): number => Number((2n * BigInt(a) + BigInt(b)) / (2n * BigInt(b)));

describe('divideRounded', () => {
  it('rounds a share half up, to the cent', () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(4, 3)).toBe(1);
    expect(divideRounded(5, 3)).toBe(2);
    expect(divideRounded(0, 7)).toBe(0);
  });

  it('agrees with integer arithmetic for amounts up to a trillion minor units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        expect(divideRounded(a, b)).toBe(exact(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees where a float division lands next to a half', () => {
    // 2^52 + 1 over 2: a float sees 2^51 + 0.5 exactly; one unit more or less must not tip it.
    for (const a of [2 ** 52 - 3, 2 ** 52 - 1, 2 ** 50 + 1]) expect(divideRounded(a, 2)).toBe(exact(a, 2));
    for (const a of [10 ** 15 + 1, 10 ** 15 + 2]) expect(divideRounded(a, 3)).toBe(exact(a, 3));
  });
});
