import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { CHECKOUTS_PER_IP, FAILED_CHECKOUTS_PER_IP, UNPAID_PER_EMAIL, UNPAID_PER_IP } from '#ordering/app/checkout';
import { UNPAID_ORDERS_EXPIRED_EVERY_MINUTES } from '#ordering/domain/place-order';
import { unconfiguredSettings } from '#settings/domain/settings';
import { PROMOTION_ATTEMPTS_PER_IP } from '#cart/app/apply-promotion';
import { address, expectProblem, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime();
  shop = shopper(runtime);
  // Budgets count per fixed window of 30 minutes: close to a window's end, move the runtime's clock
  // to the next one, so that every count of this file falls in one window.
  const { now } = (await shop.api<{ now: string }>('GET', '/dev/clock')).body;
  const windowMs = CHECKOUTS_PER_IP.windowSeconds * 1000;
  const left = windowMs - (new Date(now).getTime() % windowMs);
  if (left < 5 * 60_000) expect((await shop.api('POST', '/dev/clock', { body: { advanceSeconds: Math.ceil(left / 1000) } })).status).toBe(200);
});
afterAll(() => runtime.stop());

/** Every request of this file comes from 127.0.0.1: one client, as the caps see it. The orders it placed: */
const placedFromHere = new Set<string>();

/** A checkout as curl would send it, headers of the answer included. */
const checkoutRaw = async (cart: { id: string; headers: Record<string, string> }, key: string) => {
  const response = await fetch(`${runtime.apiUrl}/carts/${cart.id}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...cart.headers },
    body: JSON.stringify({ acceptTerms: true, termsVersion: '2026-01' }),
  });
  const text = await response.text();
  if (response.status === 201) placedFromHere.add((JSON.parse(text) as Checkout).order.id);
  return { status: response.status, text, retryAfter: response.headers.get('retry-after'), contentType: response.headers.get('content-type') };
};

const expectTooMany = (reply: { status: number; retryAfter: string | null; contentType: string | null; text: string }, windowSeconds: number) => {
  expect(reply.status).toBe(429);
  expect(reply.contentType).toContain('application/problem+json');
  expect(JSON.parse(reply.text)).toMatchObject({ status: 429, title: 'Too many requests' });
  // Whole seconds until the window ends, as RFC 9110 writes Retry-After.
  expect(reply.retryAfter).toMatch(/^\d+$/);
  expect(Number(reply.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(reply.retryAfter)).toBeLessThanOrEqual(windowSeconds);
};

/** A refused holder waits until its oldest unpaid order has ended at the latest: the 30 minutes to pay (the default) and the expiry run after. */
const HELD_SECONDS = (unconfiguredSettings.paymentTimeoutMinutes + UNPAID_ORDERS_EXPIRED_EVERY_MINUTES) * 60;

describe('checkout replays over HTTP', () => {
  it('answers a replay without the cart token, or with another cart’s, 404 and nothing of the order', async () => {
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, { email: 'owner@example.com', shippingAddress: address });
    const other = await shop.openCart({}, null);
    const first = await checkoutRaw(cart, 'replayed-key');
    expect(first.status).toBe(201);
    const placed = JSON.parse(first.text) as Checkout;
    expect((await checkoutRaw(cart, 'replayed-key')).text).toBe(first.text);
    for (const headers of [{}, other.headers]) {
      const stranger = await checkoutRaw({ id: cart.id, headers }, 'replayed-key');
      expect(stranger.status).toBe(404);
      for (const secret of [placed.orderToken, placed.payment.clientSecret, placed.order.id, 'owner@example.com', address.line1]) {
        expect(stranger.text).not.toContain(secret);
      }
    }
  });
});

describe('abuse caps over HTTP', () => {
  it('holds one email to its unpaid orders: the last units stay on sale, the next checkout is a 429 with Retry-After; paying frees a slot', async () => {
    expect((await shop.api('POST', '/admin/products/SWEAT-NAVY-L/stock', { body: { set: UNPAID_PER_EMAIL.cap + 3 }, headers: shop.admin })).status).toBe(200);
    const hoarder = { email: 'hoarder@example.com', shippingAddress: address };
    const held: Checkout[] = [];
    for (let i = 0; i < UNPAID_PER_EMAIL.cap; i++) {
      const reply = await checkoutRaw(await shop.openCart({ 'SWEAT-NAVY-L': 1 }, hoarder), `hoard-${i}`);
      expect(reply.status).toBe(201);
      held.push(JSON.parse(reply.text) as Checkout);
    }
    const refused = await checkoutRaw(await shop.openCart({ 'SWEAT-NAVY-L': 1 }, hoarder), 'hoard-last');
    expectTooMany(refused, HELD_SECONDS);
    expect(Number(refused.retryAfter)).toBe(HELD_SECONDS);
    expect((await shop.api('GET', '/products/SWEAT-NAVY-L')).body).toMatchObject({ available: 3 });
    // Someone else still buys them.
    expect((await checkoutRaw(await shop.openCart({ 'SWEAT-NAVY-L': 2 }), 'someone-else')).status).toBe(201);
    // A paid order holds nothing: the hoarder who pays may order again.
    expect(await shop.confirm(held[0]!.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    await shop.orderUntil(held[0]!, (o) => o.status === 'paid');
    expect((await checkoutRaw(await shop.openCart({ 'SWEAT-NAVY-L': 1 }, hoarder), 'hoard-after-paying')).status).toBe(201);
  });

  it('holds one address to its unpaid orders (stock hoarding with many emails): 429 with Retry-After', async () => {
    const replies = [];
    for (let i = 0; i < UNPAID_PER_IP.cap + 2; i++) {
      const reply = await checkoutRaw(await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 }), `tester-${i}`);
      replies.push(reply);
      if (reply.status !== 201) break;
    }
    const refused = replies.at(-1)!;
    expectTooMany(refused, HELD_SECONDS);
    // Refused before anything is kept: the stock is still on sale, the cart still open.
    const stock = () => shop.api<{ available: number }>('GET', '/products/BOOK-PETIT-PRINCE').then((r) => r.body.available);
    const before = await stock();
    const cart = await shop.openCart({ 'BOOK-PETIT-PRINCE': 1 });
    expectTooMany(await checkoutRaw(cart, 'tester-again'), HELD_SECONDS);
    expect(await stock()).toBe(before);
    expect((await shop.api('PUT', `/carts/${cart.id}/items/BOOK-PETIT-PRINCE`, { body: { quantity: 2 }, headers: cart.headers })).status).toBe(200);
  });

  it('holds one address to its budget of failed checkouts (each costs a PaymentIntent): 429 with Retry-After', async () => {
    // The next window: this address has placed many orders in this one.
    expect((await shop.api('POST', '/dev/clock', { body: { advanceSeconds: FAILED_CHECKOUTS_PER_IP.windowSeconds } })).status).toBe(200);
    expect((await shop.api('POST', '/admin/products/TEAPOT-CAST-IRON/stock', { body: { set: 1 }, headers: shop.admin })).status).toBe(200);
    const cart = await shop.openCart({ 'TEAPOT-CAST-IRON': 1 });
    expect((await shop.api('POST', '/admin/products/TEAPOT-CAST-IRON/stock', { body: { set: 0 }, headers: shop.admin })).status).toBe(200);
    for (let i = 0; i < FAILED_CHECKOUTS_PER_IP.cap; i++) expect((await checkoutRaw(cart, `unlucky-${i}`)).status).toBe(409);
    expectTooMany(await checkoutRaw(cart, 'unlucky-last'), FAILED_CHECKOUTS_PER_IP.windowSeconds);
  });

  it('caps promotion code guessing per address, before the code is looked up: 429 with Retry-After, even for a real code', async () => {
    const promotion = { kind: 'percent', value: 10 };
    expect((await shop.api('PUT', '/admin/promotions/REAL10', { body: promotion, headers: shop.admin })).status).toBe(200);
    const cart = await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }, null);
    const tryCode = (code: string) =>
      fetch(`${runtime.apiUrl}/carts/${cart.id}/promotions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...cart.headers },
        body: JSON.stringify({ code }),
      }).then(async (r) => ({ status: r.status, text: await r.text(), retryAfter: r.headers.get('retry-after'), contentType: r.headers.get('content-type') }));
    for (let i = 0; i < PROMOTION_ATTEMPTS_PER_IP.cap; i++) expect((await tryCode(`GUESS-${i}`)).status).toBe(404);
    expectTooMany(await tryCode('REAL10'), PROMOTION_ATTEMPTS_PER_IP.windowSeconds);
    const view = await shop.api<{ promotions: string[] }>('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(view.body.promotions).toEqual([]);
    // A stranger without the cart token is still told nothing but 404.
    expectProblem(await shop.api('POST', `/carts/${cart.id}/promotions`, { body: { code: 'REAL10' } }), 404);
  });
});
