import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { address, expectProblem, shopper, type Checkout, type Order } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;
/** Three orders: two by one buyer (the second paid), one by another; placed in this order. */
let placed: Checkout[];
const buyer = 'Jeanne.Admin-Search@Example.com';

beforeAll(async () => {
  runtime = await startTestRuntime({ chaos: false });
  shop = shopper(runtime);
  placed = [];
  for (const email of [buyer, buyer, 'paul@example.com']) {
    const reply = await shop.checkout(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }, { email, shippingAddress: address }));
    expect(reply.status).toBe(201);
    placed.push(reply.body);
  }
  expect(await shop.confirm(placed[1]!.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed[1]!, (o) => o.status === 'paid');
}, 120_000);
afterAll(() => runtime.stop());

type Page = { items: Order[]; nextCursor: string | null };
const orders = (query = '') => shop.api<Page>('GET', `/admin/orders${query}`, { headers: shop.admin });
const ids = (page: Page) => page.items.map((o) => o.id);

describe('the back office finds orders over HTTP', () => {
  it('is for admins only: 401 without a token, 403 with a customer\'s', async () => {
    const customer = (await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub: 'c-admin-orders' } })).body.token;
    for (const path of ['/admin/orders', `/admin/orders/${placed[0]!.order.id}`]) {
      const anonymous = await shop.api('GET', path);
      expectProblem(anonymous, 401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expectProblem(await shop.api('GET', path, { headers: { authorization: `Bearer ${customer}` } }), 403);
    }
  });

  it('lists every order newest first, a page at a time', async () => {
    const first = await orders('?limit=2');
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual([placed[2]!.order.id, placed[1]!.order.id]);
    const next = await orders(`?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(ids(next.body)).toEqual([placed[0]!.order.id]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('lists one status only', async () => {
    const paid = await orders('?status=paid');
    expect(ids(paid.body)).toEqual([placed[1]!.order.id]);
    const pending = await orders('?status=pending_payment');
    expect(ids(pending.body)).toEqual([placed[2]!.order.id, placed[0]!.order.id]);
  });

  it('finds exactly the order of a number, and the orders of an email in any case', async () => {
    const byNumber = await orders(`?q=${placed[2]!.order.number}`);
    expect(byNumber.body).toEqual({ items: [expect.objectContaining({ id: placed[2]!.order.id, number: placed[2]!.order.number })], nextCursor: null });
    const byEmail = await orders(`?q=${encodeURIComponent(buyer.toUpperCase())}`);
    expect(ids(byEmail.body)).toEqual([placed[1]!.order.id, placed[0]!.order.id]);
    const paidOfBuyer = await orders(`?q=${encodeURIComponent(buyer.toLowerCase())}&status=paid`);
    expect(ids(paidOfBuyer.body)).toEqual([placed[1]!.order.id]);
  });

  it('reads one order as its customer would see it, and 404 for an unknown one', async () => {
    const one = await shop.api<Order & Record<string, unknown>>('GET', `/admin/orders/${placed[1]!.order.id}`, { headers: shop.admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: placed[1]!.order.id, status: 'paid', customer: { email: buyer } });
    expect(one.body).not.toHaveProperty('customerId');
    expect(one.body).not.toHaveProperty('GSI3PK');
    expectProblem(await shop.api('GET', '/admin/orders/no-such-order-1', { headers: shop.admin }), 404);
  });

  it('refuses a bad filter or a cursor of another listing with a 400 naming it', async () => {
    expectProblem(await orders('?status=lost'), 400, 'query.status');
    expectProblem(await orders('?q=not-a-number-nor-an-email'), 400, 'query.q');
    expectProblem(await orders('?limit=0'), 400, 'query.limit');
    expectProblem(await orders('?sort=asc'), 400, 'query.sort');
    const pendingCursor = (await orders('?status=pending_payment&limit=1')).body.nextCursor!;
    expectProblem(await orders(`?status=paid&cursor=${encodeURIComponent(pendingCursor)}`), 400, 'query.cursor');
    expectProblem(await orders(`?cursor=${encodeURIComponent(pendingCursor)}`), 400, 'query.cursor');
    expectProblem(await orders('?cursor=forged.cursor'), 400, 'query.cursor');
  });
});
