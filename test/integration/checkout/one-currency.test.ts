import { beforeAll, describe, expect, it } from 'vitest';
import { applyPromotion } from '#cart/app/apply-promotion';
import { createCart } from '#cart/app/create-cart';
import { savePromotion } from '#cart/app/save-promotion';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { createCartRepository } from '#cart/adapters/cart-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { openCart } from '#cart/index';
import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { UnprocessableError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import { checkout } from '#ordering/app/checkout';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderTokens } from '#ordering/adapters/order-tokens';
import { defaultStoreSettings, type StoreSettings } from '#pricing/domain/index';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { signingKey } from '#runtime/signing';
import { fakePayments } from '../../fixtures/fake-payments';
import { aProduct } from '../../fixtures/products';
import { commandsSentBy, freshTables } from '../../support/dynamo';

const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const terms = { acceptTerms: true, termsVersion: '2026-01' };
const sourceIp = '203.0.113.8';
const euroShop = defaultStoreSettings;
/** The same shop after `PUT /admin/settings` changed its currency. */
const dollarShop: StoreSettings = { ...defaultStoreSettings, currency: 'USD' };

/**
 * The shop sells in one currency, its settings': its shipping rates and fixed promotions are
 * amounts in it, and nothing converts them. Before, a cart opened in dollars on a shop in euros was
 * charged 490 USD of shipping, free from 60 USD, and a fixed promotion of 500 took 5 USD off.
 */
describe("one currency, the shop's (DynamoDB Local)", () => {
  let repositories: {
    carts: ReturnType<typeof createCartRepository>;
    products: ReturnType<typeof createProductRepository>;
    promotions: ReturnType<typeof createPromotionRepository>;
    orders: ReturnType<typeof createOrderRepository>;
    rateLimits: ReturnType<typeof createRateLimits>;
  };
  let sent: string[];
  const payments = fakePayments();
  const now = new Date('2026-11-24T10:00:00Z');
  const clock = () => now;
  const shop = (settings: StoreSettings) => ({ ...repositories, settings, clock, ids: newId });
  let buyers = 0;

  beforeAll(async () => {
    const { client, names } = await freshTables();
    const db = createDocumentClient(client);
    sent = commandsSentBy(client);
    repositories = {
      carts: createCartRepository(db, names.domain, clock),
      products: createProductRepository(db, names.domain),
      promotions: createPromotionRepository(db, names.domain),
      orders: createOrderRepository(db, names.domain),
      rateLimits: createRateLimits(db, names.domain),
    };
  });

  const stocked = async (settings: StoreSettings, sku: string, price: number) => {
    await saveProduct(shop(settings), aProduct({ sku, price: { amount: price, currency: settings.currency } }), 'c');
    await changeStock(shop(settings), sku, { set: 10 }, 'c');
  };
  const readyCart = async (settings: StoreSettings, sku: string) => {
    const cart = await createCart(shop(settings), {});
    await setCartItem(shop(settings), { cartId: cart.id, token: cart.token, sku, quantity: 1 });
    await setCartCustomer(shop(settings), { cartId: cart.id, token: cart.token, customer: { email: `camille+${++buyers}@example.fr`, shippingAddress: address } });
    return cart;
  };
  const checkoutDeps = (settings: StoreSettings) => ({
    ...shop(settings),
    orderTokens: createOrderTokens(signingKey('test-signing-key-0123456789')),
    paymentGateway: payments,
    termsVersion: '2026-01',
    paymentTimeoutMinutes: 30,
  });
  const refusal = (error: unknown) => {
    expect(error).toBeInstanceOf(UnprocessableError);
    return { detail: (error as UnprocessableError).message, errors: (error as UnprocessableError).errors };
  };

  it("opens a cart in the shop's currency only: another is a 422 naming currency, and no cart is written", async () => {
    sent.length = 0;
    const refused = refusal(await createCart(shop(euroShop), { currency: 'USD' }).catch((e: unknown) => e));
    expect(refused.detail).toContain('sells in EUR');
    expect(refused.errors).toEqual([{ path: 'currency', message: "must be the shop's currency, EUR" }]);
    expect(sent).toEqual([]);
    expect((await createCart(shop(euroShop), { currency: 'EUR' })).currency).toBe('EUR');
    expect((await createCart(shop(dollarShop), {})).currency).toBe('USD');
  });

  it("prices a product in the shop's currency only: another is a 422 naming price.currency, and nothing is written", async () => {
    sent.length = 0;
    const refused = refusal(await saveProduct(shop(euroShop), aProduct({ sku: 'USD-MUG', price: { amount: 1490, currency: 'USD' } }), 'c').catch((e: unknown) => e));
    expect(refused.errors).toEqual([{ path: 'price.currency', message: "must be the shop's currency, EUR" }]);
    expect(sent).toEqual([]);
    expect(await repositories.products.get('USD-MUG')).toBeUndefined();
  });

  it("records a promotion's amounts in the shop's currency, and refuses a minimum in another, naming minSubtotal.currency", async () => {
    expect(await savePromotion(shop(euroShop), { code: 'FIVE-EUROS', kind: 'fixed', value: 500 })).toMatchObject({ kind: 'fixed', value: 500, currency: 'EUR' });
    const refused = refusal(await savePromotion(shop(euroShop), { code: 'MIN-USD', kind: 'percent', value: 10, minSubtotal: { amount: 5000, currency: 'USD' } }).catch((e: unknown) => e));
    expect(refused.errors).toEqual([{ path: 'minSubtotal.currency', message: "must be the shop's currency, EUR" }]);
    expect(await repositories.promotions.get('MIN-USD')).toBeUndefined();
  });

  it('takes a fixed promotion saved in euros off no cart in dollars, once the shop sells in dollars', async () => {
    await savePromotion(shop(euroShop), { code: 'FIVE-OFF', kind: 'fixed', value: 500 });
    await stocked(dollarShop, 'LAMP-USD', 3000);
    const cart = await readyCart(dollarShop, 'LAMP-USD');
    const refused = refusal(await applyPromotion(shop(dollarShop), { cartId: cart.id, token: cart.token, code: 'FIVE-OFF', sourceIp }).catch((e: unknown) => e));
    expect(refused.errors).toEqual([{ path: 'code', message: 'is for carts in EUR' }]);
    // The same promotion saved again while the shop sells in dollars is 5 dollars off.
    await savePromotion(shop(dollarShop), { code: 'FIVE-OFF', kind: 'fixed', value: 500 });
    const applied = await applyPromotion(shop(dollarShop), { cartId: cart.id, token: cart.token, code: 'FIVE-OFF', sourceIp });
    expect(applied.totals.discount).toEqual({ amount: 500, currency: 'USD' });
  });

  it('checks out no cart in a currency the shop no longer sells in: 422 naming currency, before any request, Stripe or stock', async () => {
    // Priced and put in a cart while the shop sold in dollars; the shop now sells in euros.
    await stocked(dollarShop, 'BOWL-USD', 2500);
    const cart = await readyCart(dollarShop, 'BOWL-USD');
    const intents = payments.created.length;
    sent.length = 0;
    const opened = await openCart(repositories.carts, cart.id, cart.token);
    const reads = sent.length;
    const refused = refusal(await checkout(checkoutDeps(euroShop), { cart: opened, terms, sourceIp }, 'c').catch((e: unknown) => e));
    expect(refused.detail).toContain('the shop sells in EUR only');
    expect(refused.errors).toEqual([{ path: 'currency', message: 'is USD, and the shop sells in EUR only: open a new cart' }]);
    expect(sent).toHaveLength(reads);
    expect(payments.created).toHaveLength(intents);
    expect((await repositories.products.get('BOWL-USD'))?.available).toBe(10);
    expect((await openCart(repositories.carts, cart.id, cart.token)).status).toBe('open');
    // The shop back in dollars: the same cart is ordered.
    expect((await checkout(checkoutDeps(dollarShop), { cart: opened, terms, sourceIp }, 'c')).order.totals.total.currency).toBe('USD');
  });
});
