import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005 });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  template: string;
}
interface Shipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  items: { sku: string; quantity: number }[];
  shippedAt: string;
  deliveredAt?: string;
}
type Order = Checkout['order'] & { shipments: Shipment[]; deliveredAt?: string };

const paidOrder = async (lines: Record<string, number>, body?: object) => {
  const placed = (await shop.checkout(await shop.openCart(lines), body)).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status !== 'pending_payment');
  return placed;
};
const ship = (orderId: string, body: object) => shop.api<Shipment>('POST', `/admin/orders/${orderId}/shipments`, { body, headers: shop.admin });
const read = async (placed: Checkout) => (await shop.api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } })).body;

describe('shipping a paid order', () => {
  it('a partial parcel then the rest: partially_shipped, then shipped, then delivered; one event per fact', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 2, 'APRON-LINEN': 1 });
    const first = await ship(placed.order.id, { carrier: 'colissimo', trackingNumber: '6A 0000 0000 1', items: [{ sku: 'MUG-ENAMEL-BLUE', quantity: 1 }] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ carrier: 'colissimo', trackingNumber: '6A000000001', items: [{ sku: 'MUG-ENAMEL-BLUE', quantity: 1 }] });
    expect(first.body.trackingUrl).toMatch(/^https:\/\/.*6A000000001/);
    expect((await read(placed)).status).toBe('partially_shipped');

    const rest = await ship(placed.order.id, { carrier: 'chronopost', trackingNumber: 'XY123456789FR' });
    expect(rest.status).toBe(201);
    expect(rest.body.items).toEqual([{ sku: 'MUG-ENAMEL-BLUE', quantity: 1 }, { sku: 'APRON-LINEN', quantity: 1 }]);
    const shipped = await read(placed);
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipments.map((s) => s.trackingNumber)).toEqual(['6A000000001', 'XY123456789FR']);

    const shippedEvents = await shop.eventsOf('OrderShipped', placed.order.id, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await shop.eventsOf('OrderShipped', placed.order.id, 0)).toHaveLength(2);
    expect(shippedEvents[0]!.detail.data).toMatchObject({ order: { customer: { email: expect.stringContaining('@'), locale: 'fr' } }, shipment: { trackingNumber: '6A000000001' } });

    const once = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/shipments/${first.body.id}/delivered`, { headers: shop.admin });
    expect(once.status).toBe(200);
    expect(once.body.status).toBe('shipped');
    const last = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/shipments/${rest.body.id}/delivered`, { headers: shop.admin });
    // The order is delivered when its last parcel is: the return window counts from then.
    expect(last.body.status).toBe('delivered');
    expect(last.body.deliveredAt).toBe(last.body.shipments.find((s) => s.id === rest.body.id)?.deliveredAt);
    const again = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/shipments/${rest.body.id}/delivered`, { headers: shop.admin });
    expect(again.body.deliveredAt).toBe(last.body.deliveredAt);
    await shop.eventsOf('OrderDelivered', placed.order.id, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await shop.eventsOf('OrderDelivered', placed.order.id, 0)).toHaveLength(2);

    // The customer's emails: one confirmation, one per parcel with its tracking, one per delivery;
    // the same after the bus replays everything it carried.
    const email = (await shop.readOrder(placed)).body as unknown as { customer: { email: string } };
    const mine = async () => (await shop.api<{ items: Email[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.to === email.customer.email);
    const settled = await until(mine, (mails) => mails.filter((m) => m.template === 'order-delivered').length >= 2, 5000);
    const count = (mails: Email[], template: string) => mails.filter((m) => m.template === template).length;
    expect(count(settled, 'order-confirmation')).toBe(1);
    const shippedMails = settled.filter((m) => m.template === 'order-shipped');
    expect(shippedMails).toHaveLength(2);
    expect(shippedMails.map((m) => m.text).join('\n')).toContain('6A000000001');
    expect(shippedMails.map((m) => m.text).join('\n')).toContain('XY123456789FR');
    expect(shippedMails.every((m) => m.html.includes('https://'))).toBe(true);
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    const replayed = await mine();
    expect([count(replayed, 'order-confirmation'), count(replayed, 'order-shipped'), count(replayed, 'order-delivered')]).toEqual([1, 2, 2]);
  });

  it('refuses more than was bought (422 naming the line), an unpaid order (409), everything shipped twice (409)', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    expectProblem(await ship(placed.order.id, { carrier: 'ups', trackingNumber: '1Z0001', items: [{ sku: 'TEE-ORGANIC-M', quantity: 2 }] }), 422, 'items.0.quantity');
    expect((await read(placed)).status).toBe('paid');
    expect((await ship(placed.order.id, { carrier: 'ups', trackingNumber: '1Z0002' })).status).toBe(201);
    expectProblem(await ship(placed.order.id, { carrier: 'ups', trackingNumber: '1Z0003' }), 409);

    const unpaid = (await shop.checkout(await shop.openCart({ 'TEE-ORGANIC-M': 1 }))).body;
    expectProblem(await ship(unpaid.order.id, { carrier: 'gls', trackingNumber: 'GLS0001' }), 409, 'paid');
  });

  it('the same parcel posted twice is recorded once', async () => {
    const placed = await paidOrder({ 'BOOK-PETIT-PRINCE': 2 });
    const body = { carrier: 'laposte', trackingNumber: 'LP0001', items: [{ sku: 'BOOK-PETIT-PRINCE', quantity: 1 }] };
    const [a, b] = [await ship(placed.order.id, body), await ship(placed.order.id, body)];
    expect(b.body.id).toBe(a.body.id);
    expect((await read(placed)).shipments).toHaveLength(1);
  });

  it('admin only: 401 without a token, 403 for a customer, 400 naming a bad carrier', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    expect((await shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'ups', trackingNumber: '1Z0009' } })).status).toBe(401);
    const customer = await runtime.mintToken({ sub: 'someone', email: 'someone@example.com' });
    const asCustomer = await shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'ups', trackingNumber: '1Z0009' }, headers: { authorization: `Bearer ${customer}` } });
    expect(asCustomer.status).toBe(403);
    expectProblem(await ship(placed.order.id, { carrier: 'pigeon', trackingNumber: '1Z0009' }), 400, 'carrier');
    expect((await read(placed)).shipments).toEqual([]);
  });

  it('refuses a tracking number of fewer than 4 letters or digits once its spaces and dashes are dropped: 400 naming it, nothing written', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    for (const trackingNumber of ['A---', 'A B C', '1-2-3 ']) {
      const refused = await ship(placed.order.id, { carrier: 'other', trackingNumber });
      expectProblem(refused, 400, 'at least 4 letters or digits');
      expect(refused.body).toMatchObject({ errors: [{ path: 'trackingNumber' }] });
    }
    expect(await read(placed)).toMatchObject({ status: 'paid', shipments: [] });
    expect((await ship(placed.order.id, { carrier: 'other', trackingNumber: 'A-B-C-D' })).body.trackingNumber).toBe('ABCD');
  });
});

describe('a parcel that arrives after a refund', () => {
  const refund = (orderId: string, body: object, key: string) => shop.api('POST', `/admin/orders/${orderId}/refunds`, { body, headers: { ...shop.admin, 'idempotency-key': key } });
  const delivered = (orderId: string, shipmentId: string) => shop.api<Order>('POST', `/admin/orders/${orderId}/shipments/${shipmentId}/delivered`, { headers: shop.admin });

  it('refunded in full: recorded (its date, the order’s, OrderDelivered, the email); the order stays refunded', async () => {
    const placed = await paidOrder({ 'APRON-LINEN': 1 });
    const parcel = await ship(placed.order.id, { carrier: 'dpd', trackingNumber: 'DPD-REFUNDED-1' });
    expect((await refund(placed.order.id, { reason: 'lost in transit, refunded' }, `all-${placed.order.id}`)).status).toBe(201);
    expect((await read(placed)).status).toBe('refunded');

    const arrived = await delivered(placed.order.id, parcel.body.id);
    expect(arrived.status).toBe(200);
    expect(arrived.body.status).toBe('refunded');
    expect(arrived.body.shipments[0]!.deliveredAt).toEqual(expect.any(String));
    expect(arrived.body.deliveredAt).toBe(arrived.body.shipments[0]!.deliveredAt);
    const [fact] = await shop.eventsOf('OrderDelivered', placed.order.id);
    expect(fact!.detail.data).toMatchObject({ order: { status: 'refunded', deliveredAt: arrived.body.deliveredAt }, shipment: { id: parcel.body.id } });
    const email = ((await shop.readOrder(placed)).body as unknown as { customer: { email: string } }).customer.email;
    const mails = await until(
      async () => (await shop.api<{ items: Email[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.to === email && m.template === 'order-delivered'),
      (found) => found.length > 0,
      5000,
    );
    expect(mails.map((m) => m.text).join('\n')).toContain('Toute votre commande est maintenant livrée.');
  });

  it('refunded in part: each parcel recorded; the last one dates the order’s delivery, which stays partially refunded', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 2 });
    const first = await ship(placed.order.id, { carrier: 'ups', trackingNumber: '1Z-PART-0001', items: [{ sku: 'MUG-ENAMEL-BLUE', quantity: 1 }] });
    const second = await ship(placed.order.id, { carrier: 'ups', trackingNumber: '1Z-PART-0002' });
    expect((await refund(placed.order.id, { amount: { amount: 100, currency: 'EUR' }, reason: 'goodwill' }, `part-${placed.order.id}`)).status).toBe(201);
    const one = await delivered(placed.order.id, first.body.id);
    expect(one.body).toMatchObject({ status: 'partially_refunded' });
    expect(one.body.deliveredAt).toBeUndefined();
    const both = await delivered(placed.order.id, second.body.id);
    expect(both.body.status).toBe('partially_refunded');
    expect(both.body.deliveredAt).toBe(both.body.shipments[1]!.deliveredAt);
    expect(await shop.eventsOf('OrderDelivered', placed.order.id, 2)).toHaveLength(2);
  });

  it('partly shipped, the rest cancelled by the shop and refunded: the parcel is recorded, and dates the order’s delivery', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 2 });
    const parcel = await ship(placed.order.id, { carrier: 'gls', trackingNumber: 'GLS-CANCEL-01', items: [{ sku: 'TEE-ORGANIC-M', quantity: 1 }] });
    expect((await shop.api('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin })).status).toBe(200);
    const cancelled = await until(() => read(placed), (o) => o.status === 'partially_refunded', 5000);
    expect(cancelled.status).toBe('partially_refunded');
    const arrived = await delivered(placed.order.id, parcel.body.id);
    expect(arrived.status).toBe(200);
    expect(arrived.body.status).toBe('partially_refunded');
    expect(arrived.body.deliveredAt).toBe(arrived.body.shipments[0]!.deliveredAt);
  });
});

describe('digital goods', () => {
  it('need the withdrawal waiver at checkout (422 naming it), recorded on the order', async () => {
    const cart = await shop.openCart({ 'EBOOK-MISERABLES': 1 }, { email: 'reader+waiver@example.com' });
    expectProblem(await shop.checkout(cart, { acceptTerms: true, termsVersion: '2026-01' }), 422, 'digitalWithdrawalWaiver');
    const placed = await shop.checkout(cart, { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true });
    expect(placed.status).toBe(201);
    // Waived when the order was placed, and recorded with that time.
    expect(placed.body.order).toMatchObject({ digitalWithdrawalWaiverAt: (placed.body.order as unknown as { createdAt: string }).createdAt });
  });

  it('an e-book: delivered when paid, downloadable with a link that works, refuses tampering and expires', async () => {
    const cart = await shop.openCart({ 'EBOOK-MISERABLES': 1 }, { email: 'reader+ebook@example.com', locale: 'en' });
    const placed = (await shop.checkout(cart, { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true })).body;
    const headers = { 'x-order-token': placed.orderToken };
    expectProblem(await shop.api('GET', `/orders/${placed.order.id}/downloads`, { headers }), 409, 'paid');
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
    const delivered = await shop.orderUntil(placed, (o) => o.status === 'delivered');
    expect(delivered.status).toBe('delivered');
    expect(await shop.eventsOf('DigitalGoodsDelivered', placed.order.id)).toHaveLength(1);

    const downloads = await shop.api<{ items: { sku: string; url: string; expiresAt: string }[] }>('GET', `/orders/${placed.order.id}/downloads`, { headers });
    expect(downloads.status).toBe(200);
    const [link] = downloads.body.items;
    expect(link).toMatchObject({ sku: 'EBOOK-MISERABLES', url: expect.stringMatching(/^http/) });
    const file = await fetch(link!.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('Misérables');

    const tampered = new URL(link!.url);
    tampered.searchParams.set('sku', 'COURSE-PHOTO');
    const refused = await fetch(tampered);
    expect([refused.status, refused.headers.get('content-type'), refused.headers.get('x-content-type-options')]).toEqual([403, 'application/problem+json', 'nosniff']);
    const later = new URL(link!.url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await fetch(later)).status).toBe(403);
    // The same second written otherwise, or a part sent twice, is not the link that was signed.
    const seconds = Number(new URL(link!.url).searchParams.get('expires'));
    for (const expires of [`${seconds}.0`, `0x${seconds.toString(16)}`, ` ${seconds}`, `${seconds / 1e9}e9`]) {
      const rewritten = new URL(link!.url);
      rewritten.searchParams.set('expires', expires);
      expect({ expires, status: (await fetch(rewritten)).status }).toEqual({ expires, status: 403 });
    }
    expect((await fetch(`${link!.url}&signature=zzz`)).status).toBe(403);

    expect((await shop.api('GET', `/orders/${placed.order.id}/downloads`)).status).toBe(404);
    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 25 * 3600 } });
    expect((await fetch(link!.url)).status).toBe(403);
  });
});
