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
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { signingKey } from '#runtime/signing';
import { createCartRepository } from '#cart/adapters/cart-repository';
import { openCart } from '#cart/index';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderTokens, orderTokenCheckOnFirstUse } from '#ordering/adapters/order-tokens';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '#kernel/errors';
import { defaultStoreSettings } from '#pricing/domain/index';
import { aProduct } from '../../fixtures/products';
import { fakePayments } from '../../fixtures/fake-payments';
import { outboxOf } from '../../fixtures/outbox';
import { freshTables } from '../../support/dynamo';

const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const terms = { acceptTerms: true, termsVersion: '2026-01' };
/** Every checkout of this file comes from one address (a documentation range, RFC 5737). */
const sourceIp = '203.0.113.7';

describe('checkout on DynamoDB Local', () => {
  let now = new Date('2026-11-24T10:00:00Z');
  const clock = () => now;
  let deps: CheckoutDeps & {
    carts: ReturnType<typeof createCartRepository>;
    products: ReturnType<typeof createProductRepository>;
    promotions: ReturnType<typeof createPromotionRepository>;
    rateLimits: ReturnType<typeof createRateLimits>;
  };
  let payments: ReturnType<typeof fakePayments>;
  // Reading an order back as its guest does: with the token checkout gave, checked with the same key.
  const reader = () => ({ orders: deps.orders, orderTokens: orderTokenCheckOnFirstUse(async () => signingKey('test-signing-key-0123456789')) });
  let facts: ReturnType<typeof outboxOf>;
  let requests: string[];
  let transactions: { Update?: { Key?: Record<string, unknown> }; Put?: { Item?: Record<string, unknown> } }[][];

  beforeAll(async () => {
    const { endpoint, names } = await freshTables();
    // Count every DynamoDB request the checkout path makes, with an SDK middleware.
    requests = [];
    transactions = [];
    const client = new DynamoDBClient({ endpoint });
    client.middlewareStack.add(
      (next, context) => (args) => {
        requests.push(String(context.commandName));
        const input = args.input as { TransactItems?: (typeof transactions)[number] };
        if (input.TransactItems) transactions.push(input.TransactItems);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const db = createDocumentClient(client);
    payments = fakePayments();
    facts = outboxOf(db, names.domain);
    deps = {
      carts: createCartRepository(db, names.domain, clock),
      orders: createOrderRepository(db, names.domain),
      orderTokens: createOrderTokens(signingKey('test-signing-key-0123456789')),
      rateLimits: createRateLimits(db, names.domain),
      products: createProductRepository(db, names.domain),
      promotions: createPromotionRepository(db, names.domain),
      paymentGateway: payments,
      settings: defaultStoreSettings,
      clock,
      ids: newId,
      termsVersion: '2026-01',
      paymentTimeoutMinutes: 30,
    };
  });

  const stock = async (sku: string, units: number, overrides = {}) => {
    await saveProduct({ ...deps, ids: newId, clock: () => new Date() }, aProduct({ sku, ...overrides }), 'c');
    if (units > 0) await changeStock(deps, sku, { set: units }, 'c');
  };

  // A buyer per cart: this file places more orders than one email address may in half an hour.
  let buyers = 0;
  const readyCart = async (lines: Record<string, number>) => {
    const cart = await createCart(deps, {});
    for (const [sku, quantity] of Object.entries(lines)) {
      await setCartItem(deps, { cartId: cart.id, token: cart.token, sku, quantity });
    }
    const email = `camille+${++buyers}@example.fr`;
    await setCartCustomer(deps, { cartId: cart.id, token: cart.token, customer: { email, shippingAddress: address } });
    return cart;
  };

  /** Checkout as the function runs it: the cart opened with its token first. */
  const place = async (cart: { id: string; token: string }, accepted: object = terms) =>
    checkout(deps, { cart: await openCart(deps.carts, cart.id, cart.token), terms: accepted, sourceIp }, 'c');

  it('places an order with three DynamoDB requests, reserving its stock', async () => {
    await stock('LAMP-1', 4);
    const cart = await readyCart({ 'LAMP-1': 3 });
    requests.length = 0;
    transactions.length = 0;
    const result = await place(cart);
    expect(requests).toEqual(['GetItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand']);
    // The client's budgets (per IP, per email) ride in the transaction instead of costing requests,
    // and the order item holds no token, not even a hash.
    const items = transactions[0] ?? [];
    expect(items.map((i) => String(i.Update?.Key?.PK ?? '')).filter((pk) => pk.startsWith('RATE#'))).toEqual([
      expect.stringMatching(/^RATE#checkout-per-ip#/),
      expect.stringMatching(/^RATE#unpaid-per-ip#/),
      expect.stringMatching(/^RATE#unpaid-per-email#/),
    ]);
    const orderItem = items.find((i) => i.Put)?.Put?.Item ?? {};
    expect(orderItem).toMatchObject({ id: result.order.id });
    expect(Object.keys(orderItem)).not.toContain('tokenHash');
    expect(result.order).toMatchObject({ status: 'pending_payment', termsVersion: '2026-01', termsAcceptedAt: now.toISOString() });
    expect(result.order.number).toMatch(/^2026-\d{6}$/);
    expect(result.payment.paymentIntentId).toBe(`pi_${result.order.id}`);
    expect((await deps.products.get('LAMP-1'))?.available).toBe(1);
    // OrderPlaced is written in the order's own transaction (outbox), with the full order.
    const placedFacts = (await facts()).filter((f) => f.name === 'OrderPlaced' && (f.data.order as { id: string }).id === result.order.id);
    expect(placedFacts).toHaveLength(1);
    expect(String(items.at(-1)?.Put?.Item?.PK)).toBe(`OUTBOX#${placedFacts[0]!.eventId}`);
    const read = await getOrder(reader(), { orderId: result.order.id, token: result.orderToken, customerId: undefined });
    expect(read.totals.total).toEqual(result.order.totals.total);
    await expect(getOrder(reader(), { orderId: result.order.id, token: 'wrong', customerId: undefined })).rejects.toThrow(NotFoundError);
  });

  it('stores an order of books with its delivery taxed at the books’ 5.5 %, not at 20 %: the VAT its invoice states', async () => {
    await stock('BOOK-VAT-1', 3, { taxCategory: 'reduced', price: { amount: 1999, currency: 'EUR' } });
    const result = await place(await readyCart({ 'BOOK-VAT-1': 1 }));
    const stored = (await deps.orders.get(result.order.id))?.order;
    // 19.99 + 4.90 delivery, all at 5.5 %: 104 + 26 of VAT.
    expect(stored?.totals).toMatchObject({ shipping: { amount: 490, currency: 'EUR' }, tax: { amount: 130, currency: 'EUR' }, total: { amount: 2489, currency: 'EUR' } });
    expect(stored?.taxBreakdown).toEqual([{ rate: 550, base: { amount: 2359, currency: 'EUR' }, tax: { amount: 130, currency: 'EUR' } }]);
  });

  it('taxes an e-book and an album billed to Germany at German VAT, the same in the cart shown, the order placed and the order stored', async () => {
    await stock('EBOOK-VAT-DE', 0, { type: 'digital', taxCategory: 'reduced', price: { amount: 499, currency: 'EUR' } });
    await stock('ALBUM-VAT-DE', 0, { type: 'digital', taxCategory: 'digital', price: { amount: 1299, currency: 'EUR' } });
    const cart = await createCart(deps, {});
    for (const sku of ['EBOOK-VAT-DE', 'ALBUM-VAT-DE']) await setCartItem(deps, { cartId: cart.id, token: cart.token, sku, quantity: 1 });
    const shown = await setCartCustomer(deps, { cartId: cart.id, token: cart.token, customer: { email: `camille+${++buyers}@example.fr`, billingAddress: { ...address, country: 'DE' } } });
    // 499 at 7 %: 33; 1299 at 19 %: 207. French VAT would have made it 26 + 217 = 243.
    expect(shown.totals.tax).toEqual({ amount: 240, currency: 'EUR' });
    const result = await place(cart, { ...terms, digitalWithdrawalWaiver: true });
    expect(result.order.totals).toEqual(shown.totals);
    const stored = (await deps.orders.get(result.order.id))?.order;
    expect(stored?.totals).toEqual(shown.totals);
    expect(stored?.taxBreakdown).toEqual([
      { rate: 1900, base: { amount: 1092, currency: 'EUR' }, tax: { amount: 207, currency: 'EUR' } },
      { rate: 700, base: { amount: 466, currency: 'EUR' }, tax: { amount: 33, currency: 'EUR' } },
    ]);
  });

  it('refuses a checkout without accepted terms, or without a shipping address for physical goods', async () => {
    await stock('TERMS-1', 2);
    const cart = await readyCart({ 'TERMS-1': 1 });
    await expect(place(cart, { termsVersion: '2026-01' })).rejects.toThrow(UnprocessableError);
    const bare = await createCart(deps, {});
    await setCartItem(deps, { cartId: bare.id, token: bare.token, sku: 'TERMS-1', quantity: 1 });
    await setCartCustomer(deps, { cartId: bare.id, token: bare.token, customer: { email: 'a@example.fr' } });
    const error = await place(bare).catch((e: UnprocessableError) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((e) => e.path)).toEqual(['customer.shippingAddress']);
    expect((await deps.products.get('TERMS-1'))?.available).toBe(2);
  });

  it('sells exactly the last 5 units to 30 racing checkouts, and never goes below zero', async () => {
    await stock('LAST-5', 5);
    const carts = [];
    for (let i = 0; i < 30; i++) carts.push(await readyCart({ 'LAST-5': 1 }));
    const results = await Promise.allSettled(carts.map((cart) => place(cart)));
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
    const error = (await place(cart).catch((e) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.errors).toEqual([{ path: 'items.SHORT-1', message: 'only 1 unit(s) left' }]);
    expect((await deps.products.get('SHORT-2'))?.available).toBe(5);
  });

  it('refuses the order when a price changed after it went into the cart', async () => {
    await stock('PRICE-1', 3);
    const cart = await readyCart({ 'PRICE-1': 1 });
    await saveProduct(deps, aProduct({ sku: 'PRICE-1', price: { amount: 2990, currency: 'EUR' } }), 'c');
    const refused = await place(cart).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    // It says which line and what to do: the cart keeps the price it showed until the line is put again.
    expect((refused as ConflictError).errors).toEqual([{ path: 'items.PRICE-1', message: expect.stringContaining('PUT /carts/{cartId}/items/PRICE-1') }]);
    expect((await deps.products.get('PRICE-1'))?.available).toBe(3);
    await setCartItem(deps, { cartId: cart.id, token: cart.token, sku: 'PRICE-1', quantity: 1 });
    expect((await place(cart)).order.items[0]?.unitPrice).toEqual({ amount: 2990, currency: 'EUR' });
  });

  it('counts a promotion redemption at checkout and refuses it once used up', async () => {
    await stock('PROMO-1', 10);
    await savePromotion(deps, { code: 'ONCE', kind: 'percent', value: 10, maxRedemptions: 1 });
    const first = await readyCart({ 'PROMO-1': 1 });
    const second = await readyCart({ 'PROMO-1': 1 });
    await applyPromotion(deps, { cartId: first.id, token: first.token, code: 'ONCE', sourceIp });
    await applyPromotion(deps, { cartId: second.id, token: second.token, code: 'ONCE', sourceIp });
    const placed = await place(first);
    // 10 % of the product's 14.90 EUR (aProduct's price).
    expect(placed.order.totals.discount).toEqual({ amount: 149, currency: 'EUR' });
    await expect(place(second)).rejects.toThrow(ConflictError);
    expect((await deps.promotions.get('ONCE'))?.redemptions).toBe(1);
  });

  it('charges a cart on the terms it shows when its promotion is saved again unchanged, and refuses it once they change', async () => {
    await stock('PROMO-SAME', 10);
    const terms10 = { code: 'SAME10', kind: 'percent' as const, value: 10, maxRedemptions: 100 };
    await savePromotion(deps, terms10);
    const kept = await readyCart({ 'PROMO-SAME': 1 });
    const changed = await readyCart({ 'PROMO-SAME': 1 });
    await applyPromotion(deps, { cartId: kept.id, token: kept.token, code: 'SAME10', sourceIp });
    await applyPromotion(deps, { cartId: changed.id, token: changed.token, code: 'SAME10', sourceIp });
    const saved = await deps.promotions.get('SAME10');
    now = new Date(now.getTime() + 1000);
    expect(await savePromotion(deps, { ...terms10, startsAt: undefined })).toEqual(saved);
    expect((await place(kept)).order.totals.discount).toEqual({ amount: 149, currency: 'EUR' });
    now = new Date(now.getTime() + 1000);
    await savePromotion(deps, { ...terms10, value: 20 });
    await expect(place(changed)).rejects.toThrow(ConflictError);
  });

  it('cancels an unpaid order after its deadline and gives its stock back', async () => {
    await stock('EXPIRE-1', 3);
    const cart = await readyCart({ 'EXPIRE-1': 2 });
    const { order, orderToken } = await place(cart);
    expect((await deps.products.get('EXPIRE-1'))?.available).toBe(1);
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await expireUnpaidOrders(deps, 'c')).not.toContain(order.id);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await expireUnpaidOrders(deps, 'c')).toContain(order.id);
    expect((await deps.products.get('EXPIRE-1'))?.available).toBe(3);
    // Its PaymentIntent was cancelled first: the order shows it, before Stripe's webhook says so.
    expect(await getOrder(reader(), { orderId: order.id, token: orderToken, customerId: undefined })).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
    expect(payments.cancelled).toContain(order.payment.paymentIntentId);
    // OrderCancelled is written with the cancellation; the inventory worker reports the stock from it.
    const cancelled = (await facts()).filter((f) => f.name === 'OrderCancelled' && (f.data.order as { id: string }).id === order.id);
    expect(cancelled.map((f) => [f.data.reason, f.data.cancelledItems])).toEqual([['payment_expired', [{ sku: 'EXPIRE-1', quantity: 2 }]]]);
    expect(cancelled.map((f) => (f.data.order as { payment: { status: string } }).payment.status)).toEqual(['canceled']);
    // A second run finds nothing more to do.
    expect(await expireUnpaidOrders(deps, 'c')).not.toContain(order.id);
  });

  it("expires no order Stripe would not cancel because it was paid: the payment made in time wins over a late webhook; one Stripe does not answer for waits for the next run", async () => {
    await stock('EXPIRE-PAID', 3);
    const paidInTime = await place(await readyCart({ 'EXPIRE-PAID': 1 }));
    const unanswered = await place(await readyCart({ 'EXPIRE-PAID': 1 }));
    const unknownToStripe = await place(await readyCart({ 'EXPIRE-PAID': 1 }));
    const intentOf = (placed: typeof paidInTime) => placed.order.payment.paymentIntentId;
    const asked = { cancelled: [] as string[], retrieved: [] as string[] };
    const stripe = {
      ...payments,
      async cancelPaymentIntent(id: string) {
        asked.cancelled.push(id);
        // As Stripe answers: a succeeded PaymentIntent cannot be cancelled (400), one it does not know is a 404.
        if (id === intentOf(paidInTime) || id === intentOf(unknownToStripe)) throw new UnprocessableError('You cannot cancel this PaymentIntent');
        throw new UnavailableError('Stripe did not answer');
      },
      async retrievePaymentIntent(id: string) {
        asked.retrieved.push(id);
        if (id === intentOf(unknownToStripe)) throw new UnprocessableError('No such payment_intent');
        return { paymentIntentId: id, status: 'succeeded' as const, amount: paidInTime.order.totals.total, amountReceived: paidInTime.order.totals.total.amount };
      },
    };
    now = new Date(now.getTime() + 31 * 60_000);
    const expired = await expireUnpaidOrders({ ...deps, paymentGateway: stripe }, 'c');
    expect(expired).toContain(unknownToStripe.order.id);
    expect(expired).not.toContain(paidInTime.order.id);
    expect(expired).not.toContain(unanswered.order.id);
    expect(asked.retrieved).toEqual(expect.arrayContaining([intentOf(paidInTime), intentOf(unknownToStripe)]));
    const statusOf = async (placed: typeof paidInTime) => (await getOrder(reader(), { orderId: placed.order.id, token: placed.orderToken, customerId: undefined })).status;
    expect(await statusOf(paidInTime)).toBe('pending_payment');
    expect(await statusOf(unanswered)).toBe('pending_payment');
    expect(await statusOf(unknownToStripe)).toBe('cancelled');
    // Only the unit of the order nobody can pay came back; the paid one stays sold, the unanswered one held.
    expect((await deps.products.get('EXPIRE-PAID'))?.available).toBe(1);
    // Once Stripe answers, the order it cancels expires.
    expect(await expireUnpaidOrders(deps, 'c')).toContain(unanswered.order.id);
    expect(await statusOf(unanswered)).toBe('cancelled');
  });

  it('places no order a card could not pay: a total under the minimum charge is a 422 naming totals.total, before Stripe', async () => {
    // A digital product (no shipping) and a 100 % promotion: a total of 0.
    await saveProduct({ ...deps, ids: newId, clock: () => new Date() }, aProduct({ sku: 'FREE-EBOOK', type: 'digital' }), 'c');
    await savePromotion(deps, { code: 'ALL-OFF', kind: 'percent', value: 100 });
    const cart = await readyCart({ 'FREE-EBOOK': 1 });
    await applyPromotion(deps, { cartId: cart.id, token: cart.token, code: 'ALL-OFF', sourceIp });
    const createdBefore = payments.created.length;
    const refused = await place(cart, { ...terms, digitalWithdrawalWaiver: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnprocessableError);
    expect((refused as UnprocessableError).errors).toEqual([{ path: 'totals.total', message: 'must be at least 50' }]);
    expect(payments.created.length).toBe(createdBefore);
  });

  it('places no order over what one card payment can take (Stripe: eight digits): a 422 naming totals.total, before Stripe, its stock untouched', async () => {
    await stock('PIANO', 5, { price: { amount: 60_000_000, currency: 'EUR' } });
    const cart = await readyCart({ PIANO: 2 });
    const createdBefore = payments.created.length;
    const refused = await place(cart).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnprocessableError);
    expect((refused as UnprocessableError).errors).toEqual([{ path: 'totals.total', message: 'must be at most 99999999' }]);
    expect(payments.created.length).toBe(createdBefore);
    expect((await deps.products.get('PIANO'))?.available).toBe(5);
  });

  it('gives back the redemption of a promotion an order took when it expires unpaid: a limited code is not used up by orders nobody paid', async () => {
    await stock('EXPIRE-PROMO', 10);
    await savePromotion(deps, { code: 'ONCE-UNPAID', kind: 'percent', value: 10, maxRedemptions: 1 });
    const cart = await readyCart({ 'EXPIRE-PROMO': 1 });
    await applyPromotion(deps, { cartId: cart.id, token: cart.token, code: 'ONCE-UNPAID', sourceIp });
    const { order } = await place(cart);
    expect((await deps.promotions.get('ONCE-UNPAID'))?.redemptions).toBe(1);
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await expireUnpaidOrders(deps, 'c')).toContain(order.id);
    expect((await deps.promotions.get('ONCE-UNPAID'))?.redemptions).toBe(0);
    // The code works again, once.
    const next = await readyCart({ 'EXPIRE-PROMO': 1 });
    await applyPromotion(deps, { cartId: next.id, token: next.token, code: 'ONCE-UNPAID', sourceIp });
    expect((await place(next)).order.totals.discount.amount).toBeGreaterThan(0);
    expect((await deps.promotions.get('ONCE-UNPAID'))?.redemptions).toBe(1);
  });
});
