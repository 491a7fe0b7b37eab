import { describe, expect, it, vi } from 'vitest';
import type { CartRepository } from '#cart/app/ports';
import { setCartItem } from '#cart/app/set-cart-item';
import type { Cart } from '#cart/domain/cart';
import type { Product } from '#catalog/domain/product';
import { NotFoundError } from '#kernel/errors';
import { hashToken } from '#kernel/ids';
import { storeSettingsOf } from '#settings/index';
import { unconfiguredSettings } from '#settings/domain/settings';

const now = new Date('2026-11-24T10:00:00Z');
const TOKEN = 'the-cart-token';
const cart: Cart = { id: 'cart-1', currency: 'EUR', lines: [], customer: null, promotions: [], status: 'open', createdAt: now.toISOString(), updatedAt: now.toISOString() };
const mug: Product = {
  sku: 'MUG',
  name: 'Mug',
  description: '',
  type: 'physical',
  price: { amount: 1490, currency: 'EUR' },
  taxCategory: 'standard',
  category: 'kitchen',
  available: 10,
  updatedAt: now.toISOString(),
};

/** A read the test answers when it chooses, so that it sees what runs while the read waits. */
const pending = <T>() => {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
};

const depsWith = (cartRead: Promise<Awaited<ReturnType<CartRepository['get']>>>, productRead: () => Promise<Product | undefined>) => {
  const save = vi.fn(async () => undefined);
  const get = vi.fn(productRead);
  return {
    deps: {
      carts: { get: () => cartRead, create: async () => undefined, save },
      products: { get },
      settings: storeSettingsOf(unconfiguredSettings),
      clock: () => now,
    },
    save,
    productGet: get,
  };
};

describe('setting a cart line', () => {
  it('reads the product while the cart is read, not after it', async () => {
    const cartRead = pending<{ cart: Cart; tokenHash: string }>();
    const { deps, save, productGet } = depsWith(cartRead.promise, async () => mug);
    const set = setCartItem(deps, { cartId: cart.id, token: TOKEN, sku: 'MUG', quantity: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    // The cart has not answered yet, and the product is already asked for.
    expect(productGet).toHaveBeenCalledWith('MUG');
    cartRead.answer({ cart, tokenHash: hashToken(TOKEN) });
    const view = await set;
    expect(view.items).toMatchObject([{ sku: 'MUG', quantity: 2, unitPrice: { amount: 1490 } }]);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('answers the cart’s 404 to a wrong token, whatever the product read answered, and first', async () => {
    for (const productRead of [async () => mug, async () => undefined, () => Promise.reject(new Error('DynamoDB is down'))]) {
      const cartRead = pending<{ cart: Cart; tokenHash: string }>();
      const { deps, save } = depsWith(cartRead.promise, productRead);
      const set = setCartItem(deps, { cartId: cart.id, token: 'not-the-token', sku: 'MUG', quantity: 1 });
      // The product read settles long before the cart's.
      await new Promise((resolve) => setTimeout(resolve, 5));
      cartRead.answer({ cart, tokenHash: hashToken(TOKEN) });
      await expect(set).rejects.toThrow(new NotFoundError(`There is no cart ${cart.id}.`));
      expect(save).not.toHaveBeenCalled();
    }
  });

  it('answers 404 naming the sku to the cart’s holder when the product does not exist, and saves nothing', async () => {
    const { deps, save } = depsWith(Promise.resolve({ cart, tokenHash: hashToken(TOKEN) }), async () => undefined);
    await expect(setCartItem(deps, { cartId: cart.id, token: TOKEN, sku: 'NO-SUCH', quantity: 1 })).rejects.toThrow('There is no product NO-SUCH.');
    expect(save).not.toHaveBeenCalled();
  });
});
