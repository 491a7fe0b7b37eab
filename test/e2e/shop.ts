import { expect } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { client, until, type Reply } from './client';

/** What a client does against the local runtime: carts, checkout, paying at the Stripe emulator. */

export const address = { name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' };
export type Order = { id: string; number: string; status: string; invoiceNumber: string | null; payment: { status: string; paymentIntentId: string }; totals: { total: { amount: number } } };
export type Checkout = { order: Order; orderToken: string; payment: { paymentIntentId: string; clientSecret: string } };
type CarriedEvent = { 'detail-type': string; detail: { data: Record<string, unknown> } };

export const expectProblem = (reply: Reply<unknown>, status: number, mentions?: string) => {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toContain('application/problem+json');
  expect(reply.nosniff).toBe(true);
  expect(reply.body).toMatchObject({ status, title: expect.any(String) });
  if (mentions) expect(reply.text).toContain(mentions);
};

export const shopper = (runtime: LocalRuntime) => {
  const api = client(runtime.apiUrl);
  let keys = 0;
  let buyers = 0;

  // A buyer per cart unless told otherwise: a suite places more orders than one email address
  // may hold unpaid (UNPAID_PER_EMAIL).
  const openCart = async (lines: Record<string, number>, customer: object | null = { email: `camille+${++buyers}@example.com`, shippingAddress: address }) => {
    const created = await api<{ id: string; token: string }>('POST', '/carts', { body: {} });
    expect(created.status).toBe(201);
    const headers = { 'x-cart-token': created.body.token };
    for (const [sku, quantity] of Object.entries(lines)) {
      expect((await api('PUT', `/carts/${created.body.id}/items/${sku}`, { body: { quantity }, headers })).status).toBe(200);
    }
    if (customer) expect((await api('PUT', `/carts/${created.body.id}/customer`, { body: customer, headers })).status).toBe(200);
    return { id: created.body.id, headers };
  };

  const checkout = (cart: { id: string; headers: Record<string, string> }, body: object = { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true }, key = `key-${++keys}`) =>
    api<Checkout>('POST', `/carts/${cart.id}/checkout`, { body, headers: { ...cart.headers, 'idempotency-key': key } });

  /** Confirms the PaymentIntent at the emulator with a test card, as Stripe.js would. */
  const confirm = async (paymentIntentId: string, card: string) => {
    const response = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${paymentIntentId}/confirm`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_local_emulator', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ payment_method: card }).toString(),
    });
    return response.status;
  };

  const readOrder = (placed: Checkout) => api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } });
  const orderUntil = (placed: Checkout, done: (o: Order) => boolean) => until(() => readOrder(placed).then((r) => r.body), done);
  const events = async () => (await api<{ items: CarriedEvent[] }>('GET', '/dev/events')).body.items;
  /** Every event of one type the bus carried, now (no waiting). */
  const eventsOfType = async (type: string) => (await events()).filter((e) => e['detail-type'] === type);
  /**
   * The events of one type about one order. Facts are written with their state change and
   * published by the outbox relay a moment later: wait (up to 5 s) until at least `count` show;
   * `count` 0 reads them now.
   */
  const eventsOf = (type: string, orderId: string, count = 1) =>
    until(
      async () => (await events()).filter((e) => e['detail-type'] === type && JSON.stringify(e.detail.data).includes(orderId)),
      (found) => found.length >= count,
      5000,
    );
  const stripeEventsFor = async (paymentIntentId: string, type: string) => {
    const reply = await fetch(`${runtime.stripeUrl}/_emulator/events`).then((r) => r.json() as Promise<{ data: { id: string; type: string; data: { object: { id: string } } }[] }>);
    return reply.data.filter((e) => e.type === type && e.data.object.id === paymentIntentId);
  };
  /** Has Stripe deliver the event again, and waits until it was accepted and its queue drained. */
  const redeliver = async (eventId: string) => {
    const accepted = async () => {
      const reply = await fetch(`${runtime.stripeUrl}/_emulator/events`).then((r) => r.json() as Promise<{ attempts: { eventId: string; status: number | string }[] }>);
      return reply.attempts.filter((a) => a.eventId === eventId && a.status === 200).length;
    };
    const before = await accepted();
    await fetch(`${runtime.stripeUrl}/_emulator/events/${eventId}/deliver`, { method: 'POST' });
    await until(accepted, (n) => n > before);
    await until(async () => runtime.queues.payments.depth, (depth) => depth === 0);
  };

  return { api, admin: { authorization: `Bearer ${runtime.adminToken}` }, openCart, checkout, confirm, readOrder, orderUntil, events, eventsOf, eventsOfType, stripeEventsFor, redeliver };
};
