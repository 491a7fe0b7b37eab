import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { changeStock } from '#catalog/app/change-stock';
import { checkout } from '#ordering/app/checkout';
import type { CheckoutDeps } from '#ordering/app/ports';
import { createCart } from '#cart/app/create-cart';
import { expireUnpaidOrders } from '#ordering/app/expire-unpaid-orders';
import { getOrder } from '#ordering/app/get-order';
import { saveProduct } from '#catalog/app/save-product';
import { savePromotion } from '#cart/app/save-promotion';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { applyPromotion } from '#cart/app/apply-promotion';
import { newId } from '#kernel/ids';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createCartRepository } from '#cart/adapters/cart-repository';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { ConflictError, NotFoundError, UnprocessableError } from '#kernel/errors';
import { defaultStoreSettings } from '#pricing/domain/index';
import { aProduct } from '../../fixtures/products';
import { fakePayments } from '../../fixtures/fake-payments';
import { recordingPublisher } from '../../fixtures/recording-publisher';
import { freshTables } from '../../support/dynamo';

const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const terms = { acceptTerms: true, termsVersion: '2026-01' };

describe('checkout on DynamoDB Local', () => {
  let now = new Date('2026-11-24T10:00:00Z');
  const clock = () => now;
  let deps: CheckoutDeps & { products: ReturnType<typeof createProductRepository>; promotions: ReturnType<typeof createPromotionRepository> };
  let payments: ReturnType<typeof fakePayments>;
  let publisher: ReturnType<typeof recordingPublisher>;
  let requests: string[];

  beforeAll(async () => {
    const { endpoint, names } = await freshTables();
    // Count every DynamoDB request the checkout path makes, with an SDK middleware.
    requests = [];
    const client = new DynamoDBClient({ endpoint });
    client.middlewareStack.add(
      (next, context) => (args) => {
        requests.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const db = createDocumentClient(client);
    payments = fakePayments();
    publisher = recordingPublisher();
    deps = {
      carts: createCartRepository(db, names.domain, clock),
      orders: createOrderRepository(db, names.domain),
      products: createProductRepository(db, names.domain),
      promotions: createPromotionRepository(db, names.domain),
      paymentGateway: payments,
      publisher,
      settings: defaultStoreSettings,
      clock,
      ids: newId,
      termsVersion: '2026-01',
      paymentTimeoutMinutes: 30,
    };
  });

  const stock = async (sku: string, units: number, overrides = {}) => {
    await saveProduct({ ...deps }, aProduct({ sku, ...overrides }), 'c');
    if (units > 0) await changeStock(deps, sku, { set: units }, 'c');
  };

  const readyCart = async (lines: Record<string, number>) => {
    const cart = await createCart(deps, {});
    for (const [sku, quantity] of Object.entries(lines)) {
      await setCartItem(deps, { cartId: cart.id, token: cart.token, sku, quantity });
    }
    await setCartCustomer(deps, { cartId: cart.id, token: cart.token, customer: { email: 'camille@example.fr', shippingAddress: address } });
    return cart;
  };

  it('places an order with three DynamoDB requests, reserving its stock', async () => {
    await stock('LAMP-1', 4);
    const cart = await readyCart({ 'LAMP-1': 3 });
    requests.length = 0;
    const result = await checkout(deps, { cartId: cart.id, token: cart.token, terms }, 'c');
    expect(requests).toEqual(['GetItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand']);
    expect(result.order).toMatchObject({ status: 'pending_payment', termsVersion: '2026-01', termsAcceptedAt: now.toISOString() });
    expect(result.order.number).toMatch(/^2026-\d{6}$/);
    expect(result.payment.paymentIntentId).toBe(`pi_${result.order.id}`);
    expect((await deps.products.get('LAMP-1'))?.available).toBe(1);
    expect(publisher.events.at(-1)?.name).toBe('OrderPlaced');
    const read = await getOrder(deps, { orderId: result.order.id, token: result.orderToken, customerId: undefined });
    expect(read.totals.total).toEqual(result.order.totals.total);
    await expect(getOrder(deps, { orderId: result.order.id, token: 'wrong', customerId: undefined })).rejects.toThrow(NotFoundError);
  });

  it('refuses a checkout without accepted terms, or without a shipping address for physical goods', async () => {
    await stock('TERMS-1', 2);
    const cart = await readyCart({ 'TERMS-1': 1 });
    await expect(checkout(deps, { cartId: cart.id, token: cart.token, terms: { termsVersion: '2026-01' } }, 'c')).rejects.toThrow(UnprocessableError);
    const bare = await createCart(deps, {});
    await setCartItem(deps, { cartId: bare.id, token: bare.token, sku: 'TERMS-1', quantity: 1 });
    await setCartCustomer(deps, { cartId: bare.id, token: bare.token, customer: { email: 'a@example.fr' } });
    const error = await checkout(deps, { cartId: bare.id, token: bare.token, terms }, 'c').catch((e: UnprocessableError) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((e) => e.path)).toEqual(['customer.shippingAddress']);
    expect((await deps.products.get('TERMS-1'))?.available).toBe(2);
  });

  it('sells exactly the last 5 units to 30 racing checkouts, and never goes below zero', async () => {
    await stock('LAST-5', 5);
    const carts = [];
    for (let i = 0; i < 30; i++) carts.push(await readyCart({ 'LAST-5': 1 }));
    const results = await Promise.allSettled(carts.map((cart) => checkout(deps, { cartId: cart.id, token: cart.token, terms }, 'c')));
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(25);
    for (const r of refused) expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await deps.products.get('LAST-5'))?.available).toBe(0);
    // Every PaymentIntent of a refused checkout was cancelled.
    expect(payments.cancelled.length).toBeGreaterThanOrEqual(25);
  });

  it('names the skus short of stock in the 409', async () => {
    await stock('SHORT-1', 2);
    await stock('SHORT-2', 5);
    const cart = await readyCart({ 'SHORT-1': 2, 'SHORT-2': 1 });
    await changeStock(deps, 'SHORT-1', { set: 1 }, 'c');
    const error = (await checkout(deps, { cartId: cart.id, token: cart.token, terms }, 'c').catch((e) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.errors).toEqual([{ path: 'items.SHORT-1', message: 'only 1 unit(s) left' }]);
    expect((await deps.products.get('SHORT-2'))?.available).toBe(5);
  });

  it('refuses the order when a price changed after it went into the cart', async () => {
    await stock('PRICE-1', 3);
    const cart = await readyCart({ 'PRICE-1': 1 });
    await saveProduct(deps, aProduct({ sku: 'PRICE-1', price: { amount: 2990, currency: 'EUR' } }), 'c');
    await expect(checkout(deps, { cartId: cart.id, token: cart.token, terms }, 'c')).rejects.toThrow(/PRICE-1/);
    expect((await deps.products.get('PRICE-1'))?.available).toBe(3);
  });

  it('counts a promotion redemption at checkout and refuses it once used up', async () => {
    await stock('PROMO-1', 10);
    await savePromotion(deps, { code: 'ONCE', kind: 'percent', value: 10, maxRedemptions: 1 });
    const first = await readyCart({ 'PROMO-1': 1 });
    const second = await readyCart({ 'PROMO-1': 1 });
    await applyPromotion(deps, { cartId: first.id, token: first.token, code: 'ONCE' });
    await applyPromotion(deps, { cartId: second.id, token: second.token, code: 'ONCE' });
    const placed = await checkout(deps, { cartId: first.id, token: first.token, terms }, 'c');
    // 10 % of the product's 14.90 EUR (aProduct's price).
    expect(placed.order.totals.discount).toEqual({ amount: 149, currency: 'EUR' });
    await expect(checkout(deps, { cartId: second.id, token: second.token, terms }, 'c')).rejects.toThrow(ConflictError);
    expect((await deps.promotions.get('ONCE'))?.redemptions).toBe(1);
  });

  it('cancels an unpaid order after its deadline and gives its stock back', async () => {
    await stock('EXPIRE-1', 3);
    const cart = await readyCart({ 'EXPIRE-1': 2 });
    const { order, orderToken } = await checkout(deps, { cartId: cart.id, token: cart.token, terms }, 'c');
    expect((await deps.products.get('EXPIRE-1'))?.available).toBe(1);
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await expireUnpaidOrders(deps, 'c')).not.toContain(order.id);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await expireUnpaidOrders(deps, 'c')).toContain(order.id);
    expect((await deps.products.get('EXPIRE-1'))?.available).toBe(3);
    expect((await getOrder(deps, { orderId: order.id, token: orderToken, customerId: undefined })).status).toBe('cancelled');
    expect(payments.cancelled).toContain(order.payment.paymentIntentId);
    const names = publisher.events.slice(-2).map((e) => e.name);
    expect(names).toEqual(['OrderCancelled', 'StockChanged']);
    // A second run finds nothing more to do.
    expect(await expireUnpaidOrders(deps, 'c')).not.toContain(order.id);
  });
});
