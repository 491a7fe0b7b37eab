/** What a client does against the local runtime, for the bench: carts, checkout, paying at the Stripe emulator. */
import type { LocalRuntime } from '../../infra/local/runtime';
import { request, type Reply } from './http-client';

export const address = { name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' };
/** The checkout body; the waiver is what a buyer of digital goods gives (immediate delivery), ignored otherwise. */
export const TERMS = { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true };

export interface Cart {
  id: string;
  headers: Record<string, string>;
}
export interface Placed {
  order: { id: string; status: string };
  orderToken: string;
  payment: { paymentIntentId: string };
}

/** Statuses of an order whose payment has not landed (cancelled: it never will). */
const UNPAID = new Set(['pending_payment', 'cancelled']);

const expectStatus = <T>(what: string, reply: Reply<T>, status: number): Reply<T> => {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply;
};

export const benchShopper = (runtime: LocalRuntime) => {
  const api = <T = Record<string, unknown>>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; from?: string } = {}) =>
    request<T>(runtime.apiUrl, method, path, options);

  const createCart = async (from?: string): Promise<Cart & { ms: number }> => {
    const created = expectStatus('POST /carts', await api<{ id: string; token: string }>('POST', '/carts', { body: {}, ...(from && { from }) }), 201);
    return { id: created.body.id, headers: { 'x-cart-token': created.body.token }, ms: created.ms };
  };
  const addItem = async (cart: Cart, sku: string, quantity = 1) =>
    expectStatus(`PUT item ${sku}`, await api('PUT', `/carts/${cart.id}/items/${sku}`, { body: { quantity }, headers: cart.headers }), 200);
  const getCart = async (cart: Cart) => expectStatus('GET cart', await api('GET', `/carts/${cart.id}`, { headers: cart.headers }), 200);
  const setCustomer = async (cart: Cart, buyer: number) =>
    expectStatus('PUT customer', await api('PUT', `/carts/${cart.id}/customer`, { body: { email: `bench+${buyer}@example.com`, shippingAddress: address }, headers: cart.headers }), 200);
  const checkout = async (cart: Cart, key: string, from?: string) =>
    expectStatus('checkout', await api<Placed>('POST', `/carts/${cart.id}/checkout`, { body: TERMS, headers: { ...cart.headers, 'idempotency-key': key }, ...(from && { from }) }), 201);

  /** A cart ready to check out: its lines and a buyer of its own (unpaid orders are limited per email). */
  const readyCart = async (skus: readonly string[], buyer: number, from?: string) => {
    const cart = await createCart(from);
    for (const sku of skus) await addItem(cart, sku);
    await setCustomer(cart, buyer);
    return cart;
  };

  /** Confirms the PaymentIntent at the emulator with a test card, as Stripe.js would. */
  const confirm = async (paymentIntentId: string) => {
    const response = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${paymentIntentId}/confirm`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_local_emulator', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payment_method=pm_card_visa',
    });
    await response.text();
    if (response.status !== 200) throw new Error(`confirm ${paymentIntentId}: ${response.status}`);
  };

  const orderStatus = async (placed: Placed) => (await api<{ status: string }>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } })).body.status;

  /** Until paid, or past it: an order of digital goods only is delivered a moment after it is paid. */
  const waitPaid = async (placed: Placed, timeoutMs = 10_000) => {
    const deadline = performance.now() + timeoutMs;
    while (UNPAID.has(await orderStatus(placed))) {
      if (performance.now() > deadline) throw new Error(`order ${placed.order.id} not paid after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  const ship = (orderId: string) =>
    api('POST', `/admin/orders/${orderId}/shipments`, { body: { carrier: 'colissimo', trackingNumber: '6A12345678901' }, headers: { authorization: `Bearer ${runtime.adminToken}` } });

  /** Refunds what is left of the order; the key makes a retried request the same refund. */
  const refund = (orderId: string, key: string) =>
    api('POST', `/admin/orders/${orderId}/refunds`, { body: { reason: 'bench' }, headers: { authorization: `Bearer ${runtime.adminToken}`, 'idempotency-key': key } });

  return { api, createCart, addItem, getCart, setCustomer, checkout, readyCart, confirm, orderStatus, waitPaid, ship, refund };
};

export type BenchShopper = ReturnType<typeof benchShopper>;
