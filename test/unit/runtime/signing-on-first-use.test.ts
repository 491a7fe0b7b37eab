import { describe, expect, it } from 'vitest';
import { readableOrder } from '#ordering/app/get-order';
import { createOrderTokens, orderTokenCheckOnFirstUse, type Order } from '#ordering/index';
import { signingKey, type SigningKey } from '#runtime/signing';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const SECRET = 'test-signing-key-0123456789';

/** A key source that counts its reads. */
const countedKey = () => {
  const state = { reads: 0 };
  const read = async (): Promise<SigningKey> => {
    state.reads += 1;
    return signingKey(SECRET);
  };
  return { read, state };
};

const order = { id: 'order-1', customerId: 'customer-1' } as Order;
const orders = { get: async (orderId: string) => (orderId === order.id ? { order } : undefined) };

describe('order tokens checked with a key read on first use', () => {
  it('reads the key for a token, never for a request without one, nor for the customer who placed the order', async () => {
    const key = countedKey();
    const deps = { orders, orderTokens: orderTokenCheckOnFirstUse(key.read) };
    const token = createOrderTokens(signingKey(SECRET)).issue(order.id);

    await expect(readableOrder(deps, { orderId: order.id, token: undefined, customerId: 'customer-1' })).resolves.toBe(order);
    await expect(readableOrder(deps, { orderId: order.id, token, customerId: 'customer-1' })).resolves.toBe(order);
    await expect(readableOrder(deps, { orderId: order.id, token: undefined, customerId: undefined })).rejects.toThrow('There is no order');
    expect(key.state.reads).toBe(0);

    await expect(readableOrder(deps, { orderId: order.id, token, customerId: undefined })).resolves.toBe(order);
    await expect(readableOrder(deps, { orderId: order.id, token: `${token}x`, customerId: 'someone-else' })).rejects.toThrow('There is no order');
    expect(key.state.reads).toBe(2);
  });

  it('refuses a token of another order or another key, as the eager check does', async () => {
    const check = orderTokenCheckOnFirstUse(async () => signingKey(SECRET));
    const token = createOrderTokens(signingKey(SECRET)).issue('order-1');
    expect(await check.matches('order-1', token)).toBe(true);
    expect(await check.matches('order-2', token)).toBe(false);
    expect(await check.matches('order-1', createOrderTokens(signingKey('another-signing-key-0123456789')).issue('order-1'))).toBe(false);
    expect(await check.matches('order-1', '')).toBe(false);
  });
});

describe('signingKeyOnFirstUse', () => {
  it('reads the key once, on the first call, and reads it again after a failed read', async () => {
    const key = signingKeyOnFirstUse({ SIGNING_SECRET: SECRET });
    const [first, second] = await Promise.all([key(), key()]);
    expect(first).toBe(second);
    expect(first.verify('p', 'v', signingKey(SECRET).sign('p', 'v'))).toBe(true);

    // A read that failed (here: the secret gone when it was read) is not kept: the next call reads again.
    const config: { SIGNING_SECRET?: string } = { SIGNING_SECRET: SECRET };
    const later = signingKeyOnFirstUse(config);
    delete config.SIGNING_SECRET;
    await expect(later()).rejects.toThrow('SIGNING_SECRET');
    config.SIGNING_SECRET = SECRET;
    expect((await later()).verify('p', 'v', signingKey(SECRET).sign('p', 'v'))).toBe(true);
  });

  it('fails at load when the deployment names no source for the key, though the key is read later', () => {
    expect(() => signingKeyOnFirstUse({})).toThrow('Configuration is incomplete: set SIGNING_SECRET_ARN (AWS) or SIGNING_SECRET');
  });
});
