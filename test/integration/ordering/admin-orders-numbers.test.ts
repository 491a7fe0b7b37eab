import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCart } from '#cart/app/create-cart';
import { setCartCustomer } from '#cart/app/set-cart-customer';
import { setCartItem } from '#cart/app/set-cart-item';
import { createCartRepository } from '#cart/adapters/cart-repository';
import { createPromotionRepository } from '#cart/adapters/promotion-repository';
import { openCart } from '#cart/index';
import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { ConflictError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import { orderCounterKey, orderKeys, orderNumberKey } from '#ordering/adapters/keys';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderSearch } from '#ordering/adapters/order-search';
import { createOrderTokens } from '#ordering/adapters/order-tokens';
import { checkout } from '#ordering/app/checkout';
import { listOrders } from '#ordering/app/list-orders';
import type { CheckoutDeps } from '#ordering/app/ports';
import { defaultStoreSettings } from '#pricing/domain/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { createRateLimits } from '#runtime/dynamodb/rate-limits';
import { signingKey } from '#runtime/signing';
import { fakePayments } from '../../fixtures/fake-payments';
import { aProduct } from '../../fixtures/products';
import { freshTables } from '../../support/dynamo';

const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const terms = { acceptTerms: true, termsVersion: '2026-01' };

describe('order numbers at checkout: a pointer to the order, and never twice (DynamoDB Local)', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  let db: DocumentClient;
  let table: string;
  let deps: CheckoutDeps & {
    carts: ReturnType<typeof createCartRepository>;
    products: ReturnType<typeof createProductRepository>;
    promotions: ReturnType<typeof createPromotionRepository>;
  };
  let payments: ReturnType<typeof fakePayments>;

  beforeAll(async () => {
    ({ db, names: { domain: table } } = await freshTables());
    payments = fakePayments();
    deps = {
      carts: createCartRepository(db, table, () => now),
      orders: createOrderRepository(db, table),
      orderTokens: createOrderTokens(signingKey('test-signing-key-0123456789')),
      rateLimits: createRateLimits(db, table),
      products: createProductRepository(db, table),
      promotions: createPromotionRepository(db, table),
      paymentGateway: payments,
      settings: defaultStoreSettings,
      clock: () => now,
      ids: newId,
      termsVersion: '2026-01',
      paymentTimeoutMinutes: 30,
    };
    await saveProduct({ ...deps, clock: () => new Date() }, aProduct({ sku: 'NUM-1' }), 'c');
    await changeStock(deps, 'NUM-1', { set: 10 }, 'c');
  });

  let buyers = 0;
  const place = async (sourceIp: string) => {
    const cart = await createCart(deps, {});
    await setCartItem(deps, { cartId: cart.id, token: cart.token, sku: 'NUM-1', quantity: 1 });
    await setCartCustomer(deps, { cartId: cart.id, token: cart.token, customer: { email: `num+${++buyers}@example.fr`, shippingAddress: address } });
    return checkout(deps, { cart: await openCart(deps.carts, cart.id, cart.token), terms, sourceIp }, 'c');
  };
  const stock = async () => (await deps.products.get('NUM-1'))?.available;

  it('writes the pointer from the number to the order in the checkout, and the back office finds it by number', async () => {
    const placed = await place('203.0.113.20');
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: orderNumberKey(placed.order.number) }));
    expect(Item).toMatchObject({ orderId: placed.order.id });
    const search = createOrderSearch(db, table, createCursorCodec(async () => signingKey('test-signing-key-0123456789')));
    const found = await listOrders({ search }, { q: placed.order.number });
    expect(found.items.map((o) => o.id)).toEqual([placed.order.id]);
    const byEmail = await listOrders({ search }, { q: `NUM+${buyers}@EXAMPLE.FR` });
    expect(byEmail.items.map((o) => o.id)).toEqual([placed.order.id]);
  });

  it('refuses, whole, an order whose number is already taken (a counter set back)', async () => {
    const first = await place('203.0.113.21');
    const before = await stock();
    // The counter as a restore from an old backup would leave it: the next number is taken.
    const sequence = Number(first.order.number.split('-')[1]);
    await db.send(new PutCommand({ TableName: table, Item: { ...orderCounterKey(2026), value: sequence - 1 } }));
    const refused = place('203.0.113.22');
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ errors: [{ path: 'order.number', message: expect.stringContaining('already taken') }] });
    // Nothing of the second order was written: its stock is still there, its intent cancelled.
    expect(await stock()).toBe(before);
    const secondId = payments.created.at(-1)!;
    expect(secondId).not.toBe(first.order.id);
    expect(payments.cancelled).toContain(`pi_${secondId}`);
    expect((await db.send(new GetCommand({ TableName: table, Key: orderKeys(secondId) }))).Item).toBeUndefined();
    const pointer = await db.send(new GetCommand({ TableName: table, Key: orderNumberKey(first.order.number) }));
    expect(pointer.Item).toMatchObject({ orderId: first.order.id });
  });
});
