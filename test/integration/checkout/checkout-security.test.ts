import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCartRepository } from '#cart/adapters/cart-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { applyPromotion } from '#cart/app/apply-promotion';
import { claimCart } from '#cart/app/claim-cart';
import { createCart } from '#cart/app/create-cart';
import { savePromotion } from '#cart/app/save-promotion';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { openCart } from '#cart/index';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { ConflictError, NotFoundError, TooManyRequestsError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderTokens, orderTokenCheckOnFirstUse } from '#ordering/adapters/order-tokens';
import { checkout, CHECKOUTS_PER_IP, FAILED_CHECKOUTS_PER_IP, UNPAID_PER_CUSTOMER, UNPAID_PER_EMAIL, UNPAID_PER_IP } from '#ordering/app/checkout';
import { UNPAID_ORDERS_EXPIRED_EVERY_MINUTES } from '#ordering/domain/place-order';
import { getOrder } from '#ordering/app/get-order';
import { defaultStoreSettings } from '#pricing/domain/index';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { toProblemResponse } from '#runtime/problem';
import { signingKey } from '#runtime/signing';
import { startStripeEmulator, type StripeEmulator } from '../../../infra/local/stripe-emulator/index';
import { fakePayments } from '../../fixtures/fake-payments';
import { httpEvent } from '../../fixtures/http-event';
import { aProduct } from '../../fixtures/products';
import { commandsSentBy, freshTables } from '../../support/dynamo';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Placed = { order: { id: string; customer: { email: string } }; orderToken: string; payment: { clientSecret: string } };

/** The key the test run gives every function (SIGNING_SECRET in .config/vitest.config.ts). */
const orderTokens = createOrderTokens(signingKey('test-signing-key-0123456789'));
const tokenCheck = orderTokenCheckOnFirstUse(async () => signingKey('test-signing-key-0123456789'));
const terms = { acceptTerms: true, termsVersion: '2026-01' };
const address = { name: 'Alice Secret', line1: '7 rue des Secrets', postalCode: '75003', city: 'Paris', country: 'FR' };
const eventBridge = mockClient(EventBridgeClient);

let fresh: Awaited<ReturnType<typeof freshTables>>;
let repositories: {
  carts: ReturnType<typeof createCartRepository>;
  products: ReturnType<typeof createProductRepository>;
  promotions: ReturnType<typeof createPromotionRepository>;
  orders: ReturnType<typeof createOrderRepository>;
};
let now = new Date('2026-11-24T10:05:00Z');
const clock = () => now;

beforeAll(async () => {
  fresh = await freshTables();
  repositories = {
    carts: createCartRepository(fresh.db, fresh.names.domain, () => new Date()),
    products: createProductRepository(fresh.db, fresh.names.domain),
    promotions: createPromotionRepository(fresh.db, fresh.names.domain),
    orders: createOrderRepository(fresh.db, fresh.names.domain),
  };
  await saveProduct({ products: repositories.products, clock, ids: newId, settings: defaultStoreSettings }, aProduct({ sku: 'SAFE-1' }), 'c');
  await changeStock({ products: repositories.products, ids: newId, clock: () => new Date() }, 'SAFE-1', { set: 500 }, 'c');
});

const readyCart = async (email: string, sku = 'SAFE-1') => {
  const deps = { ...repositories, settings: defaultStoreSettings, clock: () => new Date(), ids: newId };
  const cart = await createCart(deps, {});
  await setCartItem(deps, { cartId: cart.id, token: cart.token, sku, quantity: 1 });
  await setCartCustomer(deps, { cartId: cart.id, token: cart.token, customer: { email, shippingAddress: address } });
  return cart;
};

describe('the checkout function: the cart token before any replay, no secret at rest in clear', () => {
  let stripe: StripeEmulator;
  let handler: Handler;
  let requests: string[] = [];
  const context = { functionName: 'checkout', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 15_000 } as unknown as Context;

  beforeAll(async () => {
    stripe = await startStripeEmulator({ port: 0, webhookSecret: 'whsec_integration' });
    Object.assign(process.env, {
      EVENT_BUS_NAME: 'commerce',
      STRIPE_SECRET_KEY: 'sk_test_integration',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
      // A JWT on a cart's route is verified against these (none is sent here).
      JWT_ISSUER: 'https://issuer.invalid/pool',
      JWT_AUDIENCE: 'client-1',
      JWT_JWKS: JSON.stringify({ keys: [] }),
    });
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })),
    }));
    // Imported once the environment is set, as Lambda loads it; its DynamoDB requests are counted.
    ({ handler } = (await import('../../../functions/checkout/handler')) as unknown as { handler: Handler });
    const { documentClient } = await import('#runtime/clients');
    requests = commandsSentBy(documentClient);
  });
  afterAll(async () => {
    eventBridge.restore();
    await stripe?.close();
  });

  const post = async (cartId: string, headers: Record<string, string>) => {
    const reply = await handler(httpEvent('POST', `/carts/${cartId}/checkout`, { body: JSON.stringify(terms), headers }), context);
    return { status: reply.statusCode, text: String(reply.body), headers: reply.headers ?? {} };
  };

  it('replays only to the holder of the cart token: without it, or with another cart’s, 404 and nothing of the order', async () => {
    const alice = await readyCart('alice@example.fr');
    const bob = await readyCart('bob@example.fr');
    requests.length = 0;
    const first = await post(alice.id, { 'x-cart-token': alice.token, 'idempotency-key': 'K-1' });
    expect(first.status).toBe(201);
    // Three DynamoDB requests besides the idempotency record (put in progress, then completed,
    // through the same client): the cart, the order number, one transaction (the budgets ride in
    // it); and the shop's settings, one Query, only when the function's 5 s cache of them is
    // cold, as on its first request here.
    expect(requests).toEqual(['GetItemCommand', 'PutItemCommand', 'QueryCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand', 'UpdateItemCommand']);
    const placed = JSON.parse(first.text) as Placed;

    const replay = await post(alice.id, { 'x-cart-token': alice.token, 'idempotency-key': 'K-1' });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);

    const strangers: Record<string, string>[] = [{ 'idempotency-key': 'K-1' }, { 'x-cart-token': bob.token, 'idempotency-key': 'K-1' }];
    for (const headers of strangers) {
      const stranger = await post(alice.id, headers);
      expect(stranger.status).toBe(404);
      expect(stranger.headers['content-type']).toBe('application/problem+json');
      for (const secret of [placed.orderToken, placed.payment.clientSecret, placed.order.id, 'alice@example.fr', address.line1]) {
        expect(stranger.text).not.toContain(secret);
      }
    }
  });

  it('keeps no order token, client secret, cart token, email or address in clear in the idempotency table, nor any bearer secret in the domain table', async () => {
    const carol = await readyCart('carol@example.fr');
    const first = await post(carol.id, { 'x-cart-token': carol.token, 'idempotency-key': 'K-2' });
    expect(first.status).toBe(201);
    const placed = JSON.parse(first.text) as Placed;

    const scan = async (table: string) => JSON.stringify((await fresh.client.send(new ScanCommand({ TableName: table }))).Items ?? []);
    const idempotency = await scan(fresh.names.idempotency);
    expect(idempotency).toContain('COMPLETED');
    for (const secret of [placed.orderToken, placed.payment.clientSecret, carol.token, 'carol@example.fr', address.line1, address.name]) {
      expect(idempotency).not.toContain(secret);
    }
    const domain = await scan(fresh.names.domain);
    expect(domain).toContain(placed.order.id);
    for (const secret of [placed.orderToken, placed.payment.clientSecret, carol.token]) expect(domain).not.toContain(secret);

    // Still byte for byte the same response when replayed: it was sealed, not lost.
    expect((await post(carol.id, { 'x-cart-token': carol.token, 'idempotency-key': 'K-2' })).text).toBe(first.text);
  });

  it('gives an order token derived from the order id, which reads the order; a tampered one does not', async () => {
    const dan = await readyCart('dan@example.fr');
    const placed = JSON.parse((await post(dan.id, { 'x-cart-token': dan.token, 'idempotency-key': 'K-3' })).text) as Placed;
    expect(placed.orderToken).toBe(orderTokens.issue(placed.order.id));
    const deps = { orders: repositories.orders, orderTokens: tokenCheck };
    expect((await getOrder(deps, { orderId: placed.order.id, token: placed.orderToken, customerId: undefined })).customer.email).toBe('dan@example.fr');
    const last = placed.orderToken.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${placed.orderToken.slice(0, -1)}${last}`;
    await expect(getOrder(deps, { orderId: placed.order.id, token: tampered, customerId: undefined })).rejects.toThrow(NotFoundError);
  });
});

describe('order tokens', () => {
  it('are the same for the same order, differ between orders and keys, and verify only untouched', async () => {
    const token = orderTokens.issue('order-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(orderTokens.issue('order-1')).toBe(token);
    expect(await tokenCheck.matches('order-1', token)).toBe(true);
    expect(await tokenCheck.matches('order-2', token)).toBe(false);
    expect(await tokenCheck.matches('order-1', `${token}x`)).toBe(false);
    expect(await tokenCheck.matches('order-1', token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))).toBe(false);
    expect(await tokenCheck.matches('order-1', undefined)).toBe(false);
    expect(await tokenCheck.matches('order-1', '')).toBe(false);
    expect(await orderTokenCheckOnFirstUse(async () => signingKey('another-signing-key-0123456789')).matches('order-1', token)).toBe(false);
  });
});

describe('budgets per client', () => {
  let requests: string[] = [];
  let deps: Parameters<typeof checkout>[0] & { carts: ReturnType<typeof createCartRepository>; rateLimits: ReturnType<typeof createRateLimits> };
  let payments: ReturnType<typeof fakePayments>;

  beforeAll(() => {
    const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    requests = commandsSentBy(client);
    const db = createDocumentClient(client);
    payments = fakePayments();
    deps = {
      carts: repositories.carts,
      orders: createOrderRepository(db, fresh.names.domain),
      orderTokens,
      rateLimits: createRateLimits(db, fresh.names.domain),
      paymentGateway: payments,
      settings: defaultStoreSettings,
      clock,
      ids: newId,
      termsVersion: '2026-01',
      paymentTimeoutMinutes: 30,
    };
  });

  const place = async (cart: { id: string; token: string }, sourceIp: string) =>
    checkout(deps, { cart: await openCart(deps.carts, cart.id, cart.token), terms, sourceIp }, 'c');
  const available = async () => (await repositories.products.get('SAFE-1'))?.available;

  /** Ends an unpaid order as expiry does: its stock and its held slots are given back. */
  const expire = async (orderId: string) => {
    const order = (await deps.orders.get(orderId))!.order;
    expect(await deps.orders.cancelUnpaid(order, 'payment_expired', now)).toBe(true);
  };

  it('holds an email to three unpaid orders: the fourth is a 429, its PaymentIntent cancelled and nothing kept; an order ended frees a slot', async () => {
    const held = [];
    for (let i = 0; i < UNPAID_PER_EMAIL.cap; i++) held.push(await place(await readyCart('hoarder@example.fr'), `198.51.100.${i}`));
    const stock = await available();
    const fourth = await readyCart('Hoarder@Example.FR');
    const error = (await place(fourth, '198.51.100.99').catch((e: unknown) => e)) as TooManyRequestsError;
    expect(error).toBeInstanceOf(TooManyRequestsError);
    // Told to wait until its oldest unpaid order has ended at the latest: this order's deadline, and the expiry run after it.
    expect(error.retryAfterSeconds).toBe((deps.paymentTimeoutMinutes + UNPAID_ORDERS_EXPIRED_EVERY_MINUTES) * 60);
    expect(error.message).toContain('at most 3 at once');
    expect(payments.cancelled).toContain(`pi_${payments.created.at(-1)}`);
    expect(await available()).toBe(stock);
    expect((await openCart(deps.carts, fourth.id, fourth.token)).status).toBe('open');

    await expire(held[0]!.order.id);
    expect((await place(fourth, '198.51.100.99')).order.status).toBe('pending_payment');
    await expect(place(await readyCart('hoarder@example.fr'), '198.51.100.98')).rejects.toThrow(TooManyRequestsError);
  });

  it('holds a signed-in customer by account, not by the email anyone may type: guests’ unpaid orders under it lock no one out', async () => {
    now = new Date('2026-11-24T10:40:00Z');
    const signedIn = async (customerId: string) => {
      const cart = await readyCart('victim@example.fr');
      await claimCart({ ...repositories, settings: defaultStoreSettings, clock: () => new Date() }, { cartId: cart.id, token: cart.token, customerId });
      return cart;
    };
    for (let i = 0; i < UNPAID_PER_EMAIL.cap; i++) await place(await readyCart('victim@example.fr'), `203.0.113.${10 + i}`);
    await expect(place(await readyCart('victim@example.fr'), '203.0.113.20')).rejects.toThrow(TooManyRequestsError);
    for (let i = 0; i < UNPAID_PER_CUSTOMER.cap; i++) expect((await place(await signedIn('victim-sub'), `203.0.113.${30 + i}`)).order.status).toBe('pending_payment');
    const error = (await place(await signedIn('victim-sub'), '203.0.113.40').catch((e: unknown) => e)) as TooManyRequestsError;
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.message).toContain('this account');
    expect((await place(await signedIn('another-sub'), '203.0.113.41')).order.status).toBe('pending_payment');
  });

  it('holds an address to twenty unpaid orders, whatever the emails; an order ended frees a slot', async () => {
    now = new Date('2026-11-24T11:00:00Z');
    const held = [];
    for (let i = 0; i < UNPAID_PER_IP.cap; i++) held.push(await place(await readyCart(`buyer${i}@example.fr`), '192.0.2.1'));
    await expect(place(await readyCart('buyer20@example.fr'), '192.0.2.1')).rejects.toThrow(TooManyRequestsError);
    await expect(place(await readyCart('buyer21@example.fr'), '::ffff:192.0.2.1')).rejects.toThrow(TooManyRequestsError);
    expect((await place(await readyCart('buyer22@example.fr'), '192.0.2.2')).order.status).toBe('pending_payment');
    await expire(held[0]!.order.id);
    expect((await place(await readyCart('buyer23@example.fr'), '192.0.2.1')).order.status).toBe('pending_payment');
  });

  it('holds an address to sixty orders in half an hour even when each is ended, then refuses at once, with no request and no PaymentIntent', async () => {
    now = new Date('2026-11-24T11:30:00Z');
    for (let i = 0; i < CHECKOUTS_PER_IP.cap; i++) await expire((await place(await readyCart(`tester${i}@example.fr`), '192.0.2.9')).order.id);
    const refused = (await place(await readyCart('tester-last@example.fr'), '192.0.2.9').catch((e: unknown) => e)) as TooManyRequestsError;
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused.retryAfterSeconds).toBe(30 * 60);

    const cart = await readyCart('tester-again@example.fr');
    const opened = await openCart(deps.carts, cart.id, cart.token);
    const intents = payments.created.length;
    requests.length = 0;
    await expect(checkout(deps, { cart: opened, terms, sourceIp: '::ffff:192.0.2.9' }, 'c')).rejects.toThrow(TooManyRequestsError);
    expect(requests).toEqual([]);
    expect(payments.created).toHaveLength(intents);
  });

  it('counts the checkouts that fail at their transaction, and past 50 refuses the address before Stripe is called', async () => {
    now = new Date('2026-11-24T12:00:00Z');
    await saveProduct({ products: repositories.products, clock, ids: newId, settings: defaultStoreSettings }, aProduct({ sku: 'GONE-1' }), 'c');
    await changeStock({ products: repositories.products, ids: newId, clock: () => new Date() }, 'GONE-1', { set: 1 }, 'c');
    const cart = await readyCart('unlucky@example.fr', 'GONE-1');
    await changeStock({ products: repositories.products, ids: newId, clock: () => new Date() }, 'GONE-1', { set: 0 }, 'c');
    for (let i = 0; i < FAILED_CHECKOUTS_PER_IP.cap; i++) await expect(place(cart, '192.0.2.99')).rejects.toThrow(ConflictError);
    // The failure that goes past the budget is answered 429, its intent cancelled like the others.
    const error = (await place(cart, '192.0.2.99').catch((e: unknown) => e)) as TooManyRequestsError;
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.retryAfterSeconds).toBe(30 * 60);
    expect(payments.cancelled).toContain(`pi_${payments.created.at(-1)}`);

    const opened = await openCart(deps.carts, cart.id, cart.token);
    const intents = payments.created.length;
    requests.length = 0;
    await expect(checkout(deps, { cart: opened, terms, sourceIp: '192.0.2.99' }, 'c')).rejects.toThrow(TooManyRequestsError);
    expect(requests).toEqual([]);
    expect(payments.created).toHaveLength(intents);
    // Another address meets the plain 409.
    await expect(place(cart, '192.0.2.100')).rejects.toThrow(ConflictError);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
    const limit = { name: 'test-ipv6', per: 'ip' as const, cap: 2, windowSeconds: 60 };
    const charge = (subject: string) => deps.rateLimits.charge({ limit, subject }, now);
    await charge('2001:db8:1:2::1');
    await charge('2001:DB8:1:2:ffff:0:0:9');
    await expect(charge('2001:db8:1:2:abcd::1')).rejects.toThrow(TooManyRequestsError);
    await expect(charge('2001:db8:1:3::1')).resolves.toBeUndefined();
    await charge('203.0.113.50');
    await charge('::ffff:203.0.113.50');
    await expect(charge('203.0.113.50')).rejects.toThrow(TooManyRequestsError);
  });

  it('refuses the 21st promotion code tried from one address before looking it up, even a valid one', async () => {
    await savePromotion({ ...repositories, settings: defaultStoreSettings, clock }, { code: 'REAL10', kind: 'percent', value: 10 });
    const cart = await readyCart('guesser@example.fr');
    const promotionDeps = { ...repositories, rateLimits: deps.rateLimits, settings: defaultStoreSettings, clock };
    const tryCode = (code: string, sourceIp: string) => applyPromotion(promotionDeps, { cartId: cart.id, token: cart.token, code, sourceIp });
    for (let i = 0; i < 20; i++) await expect(tryCode(`GUESS${i}`, '192.0.2.77')).rejects.toThrow(NotFoundError);
    await expect(tryCode('REAL10', '192.0.2.77')).rejects.toThrow(TooManyRequestsError);
    expect((await openCart(deps.carts, cart.id, cart.token)).promotions).toEqual([]);
    expect((await tryCode('REAL10', '192.0.2.78')).promotions).toEqual(['REAL10']);
  });

  it('answers a spent budget with a 429 problem and Retry-After', () => {
    const response = toProblemResponse(new TooManyRequestsError('Too many checkouts.', 1500));
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '1500' });
    expect(JSON.parse(String(response.body))).toMatchObject({ status: 429, title: 'Too many requests', detail: 'Too many checkouts.' });
  });
});
