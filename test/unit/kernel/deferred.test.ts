import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { buildNow, deferred } from '#kernel/deferred';
import { toJsonSchema } from '#runtime/json-schema';

/** A deferred schema that counts its builds. */
const counted = <T extends object>(build: () => T) => {
  const calls = { builds: 0 };
  const schema = deferred(() => (calls.builds++, build()));
  return { schema, calls };
};

describe('a deferred schema', () => {
  it('is built on first use, once, and parses and refuses exactly as the schema it stands for', () => {
    // Prepare
    const eager = z.strictObject({ email: z.email(), quantity: z.number().check(z.int(), z.minimum(1)) });
    const { schema, calls } = counted(() => z.strictObject({ email: z.email(), quantity: z.number().check(z.int(), z.minimum(1)) }));
    expect(calls.builds).toBe(0);

    // Act
    const good = schema.safeParse({ email: 'camille@example.fr', quantity: 2 });
    const bad = schema.safeParse({ email: 'nope', quantity: 1.5, price: 1 });

    // Assess
    expect(good).toEqual({ success: true, data: { email: 'camille@example.fr', quantity: 2 } });
    expect(bad.error?.issues).toEqual(eager.safeParse({ email: 'nope', quantity: 1.5, price: 1 }).error?.issues);
    expect(calls.builds).toBe(1);
    expect(schema).toBeInstanceOf(z.ZodMiniObject);
  });

  it('is not built when another schema is composed of it, only when that one is used', () => {
    // Prepare
    const address = counted(() => z.object({ city: z.string() }));
    const customer = counted(() => z.object({ address: z.optional(address.schema), previous: z.array(address.schema) }));
    const extended = deferred(() => z.extend(customer.schema, { vip: z.boolean() }));

    // Act + Assess
    expect([address.calls.builds, customer.calls.builds]).toEqual([0, 0]);
    expect(extended.parse({ address: { city: 'Paris', zip: 1 }, previous: [], vip: true })).toEqual({ address: { city: 'Paris' }, previous: [], vip: true });
    expect([address.calls.builds, customer.calls.builds]).toEqual([1, 1]);
    expect(extended.safeParse({ previous: [{ city: 3 }], vip: true }).error?.issues[0]?.path).toEqual(['previous', 0, 'city']);
  });

  it('keeps its z.meta id, so the documents name it as before', () => {
    // Prepare
    const money = deferred(() => z.object({ amount: z.number() }).check(z.meta({ id: 'DeferredTestMoney' })));
    const line = deferred(() => z.object({ price: money }));

    // Act
    const json = toJsonSchema(line, { target: 'draft-2020-12', io: 'output' });

    // Assess
    expect(json.properties).toEqual({ price: { $ref: '#/$defs/DeferredTestMoney' } });
    expect(json.$defs).toEqual({ DeferredTestMoney: expect.objectContaining({ type: 'object', properties: { amount: { type: 'number' } } }) });
    expect(z.globalRegistry.get(money)).toEqual({ id: 'DeferredTestMoney' });
  });

  it('keeps its name when another deferred value hands it on as it is (an event contract built from a shared schema)', () => {
    // Prepare
    const shared = deferred(() => z.object({ orderId: z.string() }).check(z.meta({ id: 'DeferredTestShared' })));
    const handedOn = deferred(() => shared);

    // Act
    handedOn.parse({ orderId: 'o-1' });

    // Assess
    expect(z.globalRegistry.get(shared)).toEqual({ id: 'DeferredTestShared' });
    expect(z.globalRegistry.get(handedOn)).toBeUndefined();
  });

  it('buildNow builds every deferred schema a route reaches, and nothing else', () => {
    // Prepare
    const params = counted(() => z.object({ cartId: z.string() }));
    const line = counted(() => z.object({ sku: z.string() }));
    const cart = counted(() => z.object({ lines: z.array(line.schema) }));
    const unrelated = counted(() => z.string());
    const route = { function: 'carts', auth: 'cart', params: params.schema, response: { status: 200, schema: cart.schema } };

    // Act
    buildNow(route);

    // Assess
    expect([params.calls.builds, cart.calls.builds, line.calls.builds, unrelated.calls.builds]).toEqual([1, 1, 1, 0]);
  });
});
