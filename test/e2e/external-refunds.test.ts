import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005 });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

interface Refund {
  id: string;
  amount: { amount: number; currency: string };
  status: string;
}
type Order = Checkout['order'] & { refunds: Refund[] };

const paidOrder = async (lines: Record<string, number>) => {
  const placed = (await shop.checkout(await shop.openCart(lines))).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  return placed;
};
const read = async (placed: Checkout) => (await shop.api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } })).body;
/** What shop staff do in Stripe's dashboard: a refund of the PaymentIntent, with no metadata of ours. */
const refundInStripe = async (paymentIntentId: string, amount: number) => {
  const reply = await fetch(`${runtime.stripeUrl}/v1/refunds`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('sk_test_local:').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payment_intent: paymentIntentId, amount: String(amount) }),
  });
  const refund = (await reply.json()) as { id: string; status: string };
  expect(refund.status).toBe('succeeded');
  return refund;
};
const refundsAtStripe = async (paymentIntentId: string) => {
  const reply = await fetch(`${runtime.stripeUrl}/v1/refunds?payment_intent=${paymentIntentId}&limit=100`, { headers: { authorization: 'Bearer sk_test_local_emulator' } });
  return ((await reply.json()) as { data: { id: string; status: string; amount: number }[] }).data;
};

describe('a refund made in Stripe (its dashboard)', () => {
  it('is recorded on its order with its credit note; "the rest" through the API then refunds what Stripe has left: two credit notes, Stripe refunded the total', async () => {
    // Two VAT rates (20 % and 5.5 %) and a delivery cost: the amount without lines is split over both.
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1, 'BOOK-PETIT-PRINCE': 1 });
    const total = placed.order.totals.total.amount;
    const dashboard = await refundInStripe(placed.payment.paymentIntentId, 1_000);
    const recorded = await until(() => read(placed), (o) => o.status === 'partially_refunded', 5000);
    expect(recorded.refunds).toEqual([expect.objectContaining({ id: `rf-stripe-${dashboard.id}`, amount: { amount: 1_000, currency: 'EUR' }, status: 'succeeded' })]);
    const [issued] = await shop.eventsOf('RefundIssued', placed.order.id);
    expect(issued?.detail.data).toMatchObject({ refund: { id: `rf-stripe-${dashboard.id}`, external: true } });
    await shop.eventsOf('CreditNoteIssued', placed.order.id);

    const rest = await shop.api<Refund>('POST', `/admin/orders/${placed.order.id}/refunds`, { body: { reason: 'rest' }, headers: { ...shop.admin, 'idempotency-key': 'rest-after-dashboard' } });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ amount: { amount: total - 1_000, currency: 'EUR' }, status: 'succeeded' });
    const order = await read(placed);
    expect(order.status).toBe('refunded');
    expect(order.refunds.map((r) => r.amount.amount)).toEqual([1_000, total - 1_000]);
    expect(await shop.eventsOf('CreditNoteIssued', placed.order.id, 2)).toHaveLength(2);
    const atStripe = await refundsAtStripe(placed.payment.paymentIntentId);
    expect(atStripe.reduce((n, r) => n + r.amount, 0)).toBe(total);
    expect(await shop.eventsOf('RefundFailed', placed.order.id, 0)).toEqual([]);
    // Together the two credit notes cancel what the invoice stated at each VAT rate, to the cent.
    const auth = { headers: { 'x-order-token': placed.orderToken } };
    type ByRate = { vatByRate: { rate: number; base: { amount: number }; vat: { amount: number } }[] };
    const invoice = (await shop.api<ByRate>('GET', `/orders/${placed.order.id}/invoice`, auth)).body;
    const notes = (await shop.api<{ items: ByRate[] }>('GET', `/orders/${placed.order.id}/credit-notes`, auth)).body.items;
    expect(notes).toHaveLength(2);
    const credited = (rate: number) => notes.flatMap((n) => n.vatByRate).filter((r) => r.rate === rate);
    expect(invoice.vatByRate).toHaveLength(2);
    for (const { rate, base, vat } of invoice.vatByRate) {
      expect({ rate, base: credited(rate).reduce((n, r) => n + r.base.amount, 0), vat: credited(rate).reduce((n, r) => n + r.vat.amount, 0) }).toEqual({ rate, base: base.amount, vat: vat.amount });
    }
  });

  it('reported again, any number of times, is still one refund with one credit note', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1 });
    const dashboard = await refundInStripe(placed.payment.paymentIntentId, 300);
    await until(() => read(placed), (o) => o.refunds.length === 1 && o.refunds[0]?.status === 'succeeded', 5000);
    const created = await shop.stripeEventsFor(dashboard.id, 'refund.created');
    // Stripe reported the refund once; it now delivers that report three more times at once.
    expect(created).toHaveLength(1);
    await Promise.all([1, 2, 3].map(() => fetch(`${runtime.stripeUrl}/_emulator/events/${created[0]!.id}/deliver`, { method: 'POST' })));
    await new Promise((r) => setTimeout(r, 500));
    expect((await read(placed)).refunds).toHaveLength(1);
    expect(await shop.eventsOf('RefundIssued', placed.order.id)).toHaveLength(1);
    expect(await shop.eventsOf('CreditNoteIssued', placed.order.id)).toHaveLength(1);
  });
});
