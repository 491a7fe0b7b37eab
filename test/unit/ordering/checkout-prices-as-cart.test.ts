import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartView } from '#cart/app/cart-view';
import type { Cart } from '#cart/index';
import type { Money } from '#kernel/money';
import { checkout } from '#ordering/app/checkout';
import type { CheckoutDeps, OrderRepository } from '#ordering/app/ports';
import type { Order } from '#ordering/domain/order';
import { defaultStoreSettings, vatRate, type TaxCategory } from '#pricing/domain/index';
import { fakePayments } from '../../fixtures/fake-payments';

const now = new Date('2026-11-24T10:00:00.000Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const categories: TaxCategory[] = ['standard', 'intermediate', 'reduced', 'super_reduced', 'zero', 'digital'];
const address = ([country, postalCode]: readonly [string, string]) => ({ name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode, city: 'Paris', country });
/** Territories outside the EU VAT area written under their member state's code (Guadeloupe, the Canary Islands, Heligoland, Campione): no VAT. */
const outsideEuVat = new Set(['FR 97110', 'ES 35001', 'DE 27498', 'IT 22061']);
const place = fc.constantFrom(
  ...(['FR 75004', 'DE 10115', 'BE 1000', 'IT 00184', 'LU 1111', 'DK 1050', 'MC 98000', 'US 10001', 'CH 8001', ...outsideEuVat].map((p) => p.split(' ') as [string, string])),
);

/** Open carts of physical and digital lines, with a customer who gave one address, the other or both. */
const arbitraryCart = fc
  .record({
    lines: fc.uniqueArray(
      fc.record({
        sku: fc.stringMatching(/^[A-Z]{3}-[0-9]{2}$/),
        name: fc.constant('item'),
        type: fc.constantFrom('physical' as const, 'digital' as const),
        taxCategory: fc.constantFrom(...categories),
        unitPrice: fc.integer({ min: 0, max: 50_000 }).map(eur),
        quantity: fc.integer({ min: 1, max: 5 }),
      }),
      { selector: (l) => l.sku, minLength: 1, maxLength: 8 },
    ),
    shipping: fc.option(place, { nil: undefined }),
    billing: fc.option(place, { nil: undefined }),
    percentOff: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    pricesIncludeTax: fc.boolean(),
  })
  .map(({ lines, shipping, billing, percentOff, pricesIncludeTax }) => ({
    pricesIncludeTax,
    cart: {
      id: 'cart-1',
      currency: 'EUR',
      lines,
      customer: { email: 'camille@example.fr', ...(shipping && { shippingAddress: address(shipping) }), ...(billing && { billingAddress: address(billing) }) },
      promotions: percentOff ? [{ code: 'OFF', kind: 'percent', value: percentOff, redemptions: 0, updatedAt: now.toISOString() }] : [],
      status: 'open',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    } satisfies Cart,
  }));

/** Checkout with its ports in memory: what it charges, and the order and the fact it writes. */
const checkoutInMemory = (pricesIncludeTax: boolean) => {
  const charged: Money[] = [];
  const placed: { order: Order; placedFact: { order: Order } }[] = [];
  const payments = fakePayments();
  const unused = () => Promise.reject(new Error('not used by checkout'));
  const orders: OrderRepository = {
    get: unused,
    listByCustomer: unused,
    listUnpaidDue: unused,
    listPendingCreatedBefore: unused,
    cancelUnpaid: unused,
    nextOrderNumber: async () => 1,
    place: async (order, { facts }) => {
      const fact = facts.find((f) => f.detailType === 'OrderPlaced');
      placed.push({ order, placedFact: (JSON.parse(fact?.detail ?? '{}') as { data: { order: Order } }).data });
    },
  };
  const deps: CheckoutDeps = {
    orders,
    orderTokens: { issue: (id) => `token-${id}` },
    rateLimits: { refuseKnownExhausted: () => undefined, charge: async () => undefined },
    paymentGateway: { ...payments, createPaymentIntent: async (input) => (charged.push(input.amount), payments.createPaymentIntent(input)) },
    settings: { ...defaultStoreSettings, pricesIncludeTax },
    clock: () => now,
    ids: () => 'order-1',
    termsVersion: '2026-01',
    paymentTimeoutMinutes: 30,
  };
  return { deps, charged, placed };
};

describe('checkout charges what the cart showed', () => {
  it('the cart view, the order checkout answers, the order it stores, its OrderPlaced and the payment agree to the cent, wherever each line is taxed', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCart, async ({ cart, pricesIncludeTax }) => {
        const { deps, charged, placed } = checkoutInMemory(pricesIncludeTax);
        const shown = cartView(cart, deps.settings, now).totals;
        // What checkout refuses for other reasons is not the point here.
        fc.pre(shown.total.amount >= 50 && (cart.customer.shippingAddress !== undefined || cart.lines.every((l) => l.type === 'digital')));
        const terms = { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true };
        const result = await checkout(deps, { cart, terms, sourceIp: '203.0.113.7' }, 'c');
        expect(result.order.totals).toEqual(shown);
        expect(placed[0]?.order.totals).toEqual(shown);
        expect(placed[0]?.placedFact.order.totals).toEqual(shown);
        expect(charged).toEqual([shown.total]);
        const lineTax = placed[0]?.order.items.reduce((s, i) => s + i.tax.amount, 0) ?? 0;
        expect(placed[0]?.order.taxBreakdown.reduce((s, t) => s + t.tax.amount, 0)).toBe(shown.tax.amount);
        expect(lineTax).toBeLessThanOrEqual(shown.tax.amount);
        // Goods bear the VAT of where they ship, digital lines that of where their buyer is billed.
        const { shippingAddress, billingAddress } = cart.customer;
        for (const item of placed[0]?.order.items ?? []) {
          const taxedIn = item.type === 'physical' ? shippingAddress ?? billingAddress : billingAddress ?? shippingAddress;
          const outside = taxedIn !== undefined && outsideEuVat.has(`${taxedIn.country} ${taxedIn.postalCode}`);
          expect(item.taxRate).toBe(outside ? 0 : vatRate(taxedIn?.country ?? 'FR', item.taxCategory));
        }
      }),
      { numRuns: 200 },
    );
  });
});
