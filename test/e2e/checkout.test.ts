import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { address, expectProblem, shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime();
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

describe('carts over HTTP', () => {
  it('refuses a client-sent price, bad addresses, and another cart token, changing nothing', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { body: { quantity: 2, unitPrice: { amount: 1, currency: 'EUR' } }, headers: cart.headers }), 400, 'unitPrice');
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { body: { email: 'x@example.com', shippingAddress: { ...address, country: 'France', postalCode: '' } }, headers: cart.headers }), 400, 'country');
    const other = await shop.openCart({}, null);
    expectProblem(await shop.api('GET', `/carts/${cart.id}`, { headers: other.headers }), 404);
    const view = await shop.api<{ items: { quantity: number; unitPrice: { amount: number } }[]; customer: unknown }>('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(view.body.items).toMatchObject([{ quantity: 1, unitPrice: { amount: 1490 } }]);
    expect(view.body.customer).toBeNull();
  });

  it('answers 404 to a caller without the cart\'s token before it looks at the request, and 400 to its holder', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    const other = await shop.openCart({}, null);
    const bad = { body: { quantity: -1 } };
    for (const headers of [{}, other.headers]) {
      expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { ...bad, headers }), 404);
      expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { body: { email: 'not an email' }, headers }), 404);
      // No Idempotency-Key and an empty body: still the cart's 404 first.
      expectProblem(await shop.api('POST', `/carts/${cart.id}/checkout`, { body: {}, headers }), 404);
      // A body over the size limit: the cart's 404 too.
      expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { raw: JSON.stringify({ email: 'x'.repeat(70_000) }), headers }), 404);
      // Another media type, or a bad sku beside a bad body: the cart's 404 too.
      expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { raw: 'x', headers: { ...headers, 'content-type': 'text/plain' } }), 404);
      expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/bad%20sku`, { body: { quantity: 'x' }, headers }), 404);
    }
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { raw: 'x', headers: { ...cart.headers, 'content-type': 'text/plain' } }), 415);
    // An id that cannot be a cart's or an order's names nothing: 404, with or without a token.
    for (const headers of [{}, cart.headers]) {
      expectProblem(await shop.api('PUT', '/carts/AAAA/items/MUG-ENAMEL-BLUE', { body: { quantity: 1 }, headers }), 404);
      expectProblem(await shop.api('GET', '/orders/%ZZ', { headers }), 404);
      expectProblem(await shop.api('GET', '/orders/does-not-exist/credit-notes/nope.pdf', { headers }), 404);
    }
    // Claimed by a signed-in customer: the same 404 for an id that cannot be a cart's.
    const customer = (await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub: 'c-claims-nothing' } })).body.token;
    expectProblem(await shop.api('POST', '/carts/x/claim', { headers: { ...cart.headers, authorization: `Bearer ${customer}` } }), 404);
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { ...bad, headers: cart.headers }), 400, 'quantity');
    expectProblem(await shop.api('POST', `/carts/${cart.id}/checkout`, { body: {}, headers: cart.headers }), 400, 'idempotency-key');
  });

  it("a cart a customer claimed is no other signed-in customer's, token or not: 404 on every route, and no order lands in the claimer's account", async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 });
    const token = async (sub: string) => (await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub, email: `${sub}@example.fr` } })).body.token;
    const owner = { authorization: `Bearer ${await token('claims-owner')}` };
    const other = { authorization: `Bearer ${await token('claims-other')}` };
    expect((await shop.api('POST', `/carts/${cart.id}/claim`, { headers: { ...cart.headers, ...owner } })).status).toBe(200);
    const asOther = { ...cart.headers, ...other };
    expectProblem(await shop.api('GET', `/carts/${cart.id}`, { headers: asOther }), 404);
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/APRON-LINEN`, { body: { quantity: 1 }, headers: asOther }), 404);
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/customer`, { body: { email: 'thief@example.fr', shippingAddress: address }, headers: asOther }), 404);
    // Invalid too: still a 404, authorization first.
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/APRON-LINEN`, { body: { quantity: 'x' }, headers: asOther }), 404);
    expectProblem(await shop.api('POST', `/carts/${cart.id}/checkout`, { body: { acceptTerms: true, termsVersion: '2026-01' }, headers: { ...asOther, 'idempotency-key': 'k-other' } }), 404);
    expect(await shop.api('GET', '/me/orders', { headers: owner })).toMatchObject({ status: 200, body: { items: [] } });
    // The owner, signed in, or the token's holder signed out (the same device), still reach it.
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: { ...cart.headers, ...owner } })).status).toBe(200);
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: cart.headers })).status).toBe(200);
    // A bad token counts as none (as on an order's routes): the token's holder.
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: { ...cart.headers, authorization: 'Bearer not-a-token' } })).status).toBe(200);
  });

  it('refuses a country ISO does not assign, naming it, and the cart keeps its address and its VAT', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 });
    const before = await shop.api<{ totals: { tax: { amount: number } } }>('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(before.body.totals.tax.amount).toBeGreaterThan(0);
    const refused = await shop.api('PUT', `/carts/${cart.id}/customer`, { body: { email: 'x@example.com', shippingAddress: { ...address, country: 'XX' } }, headers: cart.headers });
    expectProblem(refused, 400, 'shippingAddress.country');
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: cart.headers })).body).toEqual(before.body);
  });

  it("opens carts in the shop's currency only: USD is a 422 naming currency that says the shop sells in EUR", async () => {
    const refused = await shop.api('POST', '/carts', { body: { currency: 'USD' } });
    expectProblem(refused, 422, 'currency');
    expect(refused.body).toMatchObject({ detail: expect.stringContaining('sells in EUR'), errors: [{ path: 'currency' }] });
    const euros = await shop.api<{ currency: string }>('POST', '/carts', { body: { currency: 'EUR' } });
    expect([euros.status, euros.body.currency]).toEqual([201, 'EUR']);
  });

  it("keeps a promotion's amounts in the shop's currency: a fixed one says so, a minimum in USD is a 422 naming minSubtotal.currency", async () => {
    const fixed = await shop.api('PUT', '/admin/promotions/FIVE-EUROS', { body: { kind: 'fixed', value: 500 }, headers: shop.admin });
    expect([fixed.status, fixed.body]).toEqual([200, expect.objectContaining({ kind: 'fixed', value: 500, currency: 'EUR' })]);
    const body = { kind: 'percent', value: 10, minSubtotal: { amount: 5000, currency: 'USD' } };
    expectProblem(await shop.api('PUT', '/admin/promotions/TEN-OVER-50', { body, headers: shop.admin }), 422, 'minSubtotal.currency');
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    expectProblem(await shop.api('POST', `/carts/${cart.id}/promotions`, { body: { code: 'TEN-OVER-50' }, headers: cart.headers }), 404);
  });

  it('removes a promotion code in any case, and answers 400 naming path.code to one that could be no code, the cart unchanged', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    const before = await shop.api('GET', `/carts/${cart.id}`, { headers: cart.headers });
    for (const code of ['%00', 'A%23B', '%0D%0AX', 'A', 'x'.repeat(41)]) {
      expectProblem(await shop.api('DELETE', `/carts/${cart.id}/promotions/${code}`, { headers: cart.headers }), 400, 'path.code');
    }
    expect((await shop.api('GET', `/carts/${cart.id}`, { headers: cart.headers })).body).toEqual(before.body);
    expect((await shop.api('DELETE', `/carts/${cart.id}/promotions/not-applied_1`, { headers: cart.headers })).status).toBe(200);
  });

  it('lists the codes the totals apply: one whose minimum the subtotal no longer reaches is not listed (nor taken off) until it applies again, as checkout will', async () => {
    const price = (await shop.api<{ price: { amount: number } }>('GET', '/products/MUG-ENAMEL-BLUE')).body.price.amount;
    const promotion = { kind: 'percent', value: 10, minSubtotal: { amount: 2 * price, currency: 'EUR' } };
    expect((await shop.api('PUT', '/admin/promotions/TEN-FOR-TWO-MUGS', { body: promotion, headers: shop.admin })).status).toBe(200);
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 2 }, null);
    type CartBody = { promotions: string[]; totals: { discount: { amount: number } } };
    const applied = await shop.api<CartBody>('POST', `/carts/${cart.id}/promotions`, { body: { code: 'ten-for-two-mugs' }, headers: cart.headers });
    expect([applied.status, applied.body.promotions, applied.body.totals.discount.amount]).toEqual([200, ['TEN-FOR-TWO-MUGS'], Math.round(0.2 * price)]);
    const one = await shop.api<CartBody>('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { body: { quantity: 1 }, headers: cart.headers });
    expect([one.body.promotions, one.body.totals.discount.amount]).toEqual([[], 0]);
    const two = await shop.api<CartBody>('PUT', `/carts/${cart.id}/items/MUG-ENAMEL-BLUE`, { body: { quantity: 2 }, headers: cart.headers });
    expect([two.body.promotions, two.body.totals.discount.amount]).toEqual([['TEN-FOR-TWO-MUGS'], Math.round(0.2 * price)]);
  });

  it('refuses more than 99 units of a line with a 422', async () => {
    const cart = await shop.openCart({}, null);
    expectProblem(await shop.api('PUT', `/carts/${cart.id}/items/BOOK-PETIT-PRINCE`, { body: { quantity: 100 }, headers: cart.headers }), 422, '99');
  });
});

describe('checkout over HTTP', () => {
  it('needs the terms accepted and an address for physical goods', async () => {
    expectProblem(await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }), {}), 422, 'acceptTerms');
    expectProblem(await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, { email: 'a@example.com' })), 422, 'shippingAddress');
  });

  it('charges no VAT on a parcel to the Canary Islands written ES 35001, at the world shipping rate, in the cart and in the order alike', async () => {
    const canaries = { ...address, postalCode: '35001', city: 'Las Palmas de Gran Canaria', country: 'ES' };
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, { email: 'canarias@example.com', shippingAddress: canaries });
    const shown = await shop.api<{ totals: { shipping: { amount: number }; tax: { amount: number } } }>('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(shown.body.totals).toMatchObject({ tax: { amount: 0 }, shipping: { amount: 1990 } });
    const placed = await shop.checkout(cart);
    expect(placed.status).toBe(201);
    const order = placed.body.order as typeof placed.body.order & { items: { taxRate: number }[] };
    expect(order.totals).toEqual(shown.body.totals);
    expect(order.items.map((i) => i.taxRate)).toEqual([0]);
  });

  it('replays the same key and body, refuses the same key with another body', async () => {
    const cart = await shop.openCart({ 'APRON-LINEN': 1 });
    const first = await shop.checkout(cart, undefined, 'same-key');
    expect(first.status).toBe(201);
    const again = await shop.checkout(cart, undefined, 'same-key');
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expectProblem(await shop.checkout(cart, { acceptTerms: true, termsVersion: '2025-06' }, 'same-key'), 422);
  });

  it('a concurrent duplicate (same key, in flight) is a 409, and only one order is placed', async () => {
    const cart = await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 });
    const replies = await Promise.all(Array.from({ length: 5 }, () => shop.checkout(cart, undefined, 'racing-key')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(409);
    const created = replies.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.order.id)).size).toBe(1);
    expect(await shop.eventsOf('OrderPlaced', created[0]!.body.order.id)).toHaveLength(1);
  });

  it('lets exactly 5 of 30 concurrent checkouts take the last 5 units', async () => {
    expect((await shop.api('POST', '/admin/products/HEADPHONES-BT/stock', { body: { set: 5 }, headers: shop.admin })).status).toBe(200);
    const carts = await Promise.all(Array.from({ length: 30 }, () => shop.openCart({ 'HEADPHONES-BT': 1 })));
    const replies = await Promise.all(carts.map((cart) => shop.checkout(cart)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    expect(replies.find((r) => r.status === 409)!.text).toContain('HEADPHONES-BT');
    expect((await shop.api('GET', '/products/HEADPHONES-BT')).body).toMatchObject({ available: 0 });
    // The inventory worker reports what each order took; the shop hears that it ran out.
    const placedReports = await until(
      () =>
        shop.api<{ items: { 'detail-type': string; detail: { data: { sku?: string; reason?: string } } }[] }>('GET', '/dev/events').then((r) =>
          r.body.items.filter((e) => e['detail-type'] === 'StockChanged' && e.detail.data.sku === 'HEADPHONES-BT' && e.detail.data.reason === 'order_placed'),
        ),
      (reports) => reports.length >= 5,
    );
    expect(placedReports).toHaveLength(5);
    const outbox = await until(
      () => shop.api<{ items: { subject: string }[] }>('GET', '/dev/outbox').then((r) => r.body.items.map((m) => m.subject)),
      (subjects) => subjects.includes('Stock bas : Casque Bluetooth (HEADPHONES-BT), 0 restant(s)'),
    );
    expect(outbox).toContain('Stock bas : Casque Bluetooth (HEADPHONES-BT), 0 restant(s)');
  });
});
