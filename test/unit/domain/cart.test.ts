import { describe, expect, it } from 'vitest';
import { setLine, type Cart } from '#cart/domain/cart';
import type { Product } from '#catalog/domain/product';
import { ConflictError, UnprocessableError } from '#kernel/errors';

const now = new Date('2026-11-24T10:00:00Z');
const emptyCart = (): Cart => ({ id: 'c', currency: 'EUR', lines: [], customer: null, promotions: [], status: 'open', createdAt: now.toISOString(), updatedAt: now.toISOString() });
const product = (sku: string, overrides: Partial<Product> = {}): Product => ({
  sku,
  name: sku,
  description: '',
  type: 'physical',
  price: { amount: 1000, currency: 'EUR' },
  taxCategory: 'standard',
  category: 'misc',
  available: 500,
  updatedAt: now.toISOString(),
  ...overrides,
});

describe('cart lines', () => {
  it('holds at most 50 different products: the 51st is a 422, changing a present line still works', () => {
    let cart = emptyCart();
    for (let i = 0; i < 50; i++) cart = setLine(cart, product(`SKU-${i}`), 1, now);
    expect(cart.lines).toHaveLength(50);
    expect(() => setLine(cart, product('SKU-50'), 1, now)).toThrow(UnprocessableError);
    expect(setLine(cart, product('SKU-7'), 3, now).lines.find((l) => l.sku === 'SKU-7')?.quantity).toBe(3);
  });

  it('takes 99 units of a line, not 100; 0 removes the line', () => {
    const cart = setLine(emptyCart(), product('A'), 99, now);
    expect(cart.lines[0]?.quantity).toBe(99);
    expect(() => setLine(cart, product('A'), 100, now)).toThrow(UnprocessableError);
    expect(setLine(cart, product('A'), 0, now).lines).toEqual([]);
  });

  it('refuses more than the stock (409), another currency (422), a checked-out cart (409)', () => {
    expect(() => setLine(emptyCart(), product('A', { available: 2 }), 3, now)).toThrow(ConflictError);
    expect(() => setLine(emptyCart(), product('A', { price: { amount: 1000, currency: 'USD' } }), 1, now)).toThrow(UnprocessableError);
    // A product priced before the shop changed its currency: the 422 names it.
    expect(() => setLine(emptyCart(), product('A', { price: { amount: 1000, currency: 'USD' } }), 1, now)).toThrow(
      expect.objectContaining({ errors: [{ path: 'sku', message: "is sold in USD, not in the cart's EUR" }] }),
    );
    expect(() => setLine({ ...emptyCart(), status: 'checked_out' }, product('A'), 1, now)).toThrow(ConflictError);
  });

  it('keeps the catalog price the line was set at; digital goods need no stock', () => {
    const cart = setLine(emptyCart(), product('E', { type: 'digital', available: undefined, price: { amount: 499, currency: 'EUR' } }), 5, now);
    expect(cart.lines[0]).toMatchObject({ sku: 'E', quantity: 5, unitPrice: { amount: 499, currency: 'EUR' }, type: 'digital' });
  });
});
