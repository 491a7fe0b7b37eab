import { describe, expect, it } from 'vitest';
import { cartFunctions } from '#cart/functions';
import { orderingFunctions } from '#ordering/functions';
import { loadFunctionConfig } from '#runtime/config';

describe("a function's configuration", () => {
  it("reads the sections its grants bring, from its own context's functions, and nothing else", () => {
    const config = loadFunctionConfig(orderingFunctions, 'checkout', {
      TABLE_NAME: 'commerce',
      IDEMPOTENCY_TABLE_NAME: 'commerce-idempotency',
      STRIPE_SECRET_KEY: 'sk_test_1',
      SIGNING_SECRET: 'a-signing-key-of-16+',
      EVENT_BUS_NAME: 'not granted to checkout',
    });
    expect(config).toEqual({
      table: { TABLE_NAME: 'commerce' },
      idempotency: { IDEMPOTENCY_TABLE_NAME: 'commerce-idempotency' },
      stripe: { STRIPE_SECRET_KEY: 'sk_test_1' },
      signing: { SIGNING_SECRET: 'a-signing-key-of-16+' },
    });
  });

  it('names each missing variable in one sentence', () => {
    expect(() => loadFunctionConfig(orderingFunctions, 'checkout', {})).toThrow(
      'Configuration of checkout is incomplete: set the environment variable(s) TABLE_NAME, IDEMPOTENCY_TABLE_NAME.',
    );
  });

  it('refuses functions that do not include it', () => {
    // @ts-expect-error checkout is ordering's: the compiler refuses it with the cart's functions.
    expect(() => loadFunctionConfig(cartFunctions, 'checkout', {})).toThrow('No function checkout among those given.');
  });
});
