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

interface Refund {
  id: string;
  amount: { amount: number; currency: string };
  status: string;
}
type Order = Checkout['order'] & { refunds: Refund[]; totals: { total: { amount: number } } };

const paidOrder = async (lines: Record<string, number>) => {
  const placed = (await shop.checkout(await shop.openCart(lines))).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  return placed;
};
const refund = (orderId: string, body: object, key: string) =>
  shop.api<Refund>('POST', `/admin/orders/${orderId}/refunds`, { body, headers: { ...shop.admin, 'idempotency-key': key } });
const read = async (placed: Checkout) => (await shop.api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } })).body;
const refundsAtStripe = async (paymentIntentId: string) => {
  const reply = await fetch(`${runtime.stripeUrl}/v1/refunds?payment_intent=${paymentIntentId}&limit=100`, { headers: { authorization: 'Bearer sk_test_local_emulator' } });
  return ((await reply.json()) as { data: { id: string; status: string; amount: number }[] }).data;
};
const available = async (sku: string) => (await shop.api<{ available: number }>('GET', `/products/${sku}`)).body.available;

describe('refunds by the shop', () => {
  it('a part, then the rest: partially_refunded then refunded, the refunds add up to the total; more than left → 422', async () => {
    const placed = await paidOrder({ 'APRON-LINEN': 2 });
    const total = placed.order.totals.total.amount;
    expectProblem(await refund(placed.order.id, { amount: { amount: total + 1, currency: 'EUR' }, reason: 'too much' }, 'too-much'), 422, 'amount');
    expectProblem(await refund(placed.order.id, { amount: { amount: 0, currency: 'EUR' }, reason: 'nothing' }, 'zero'), 422, 'must be more than 0');
    const part = await refund(placed.order.id, { amount: { amount: 1_000, currency: 'EUR' }, reason: 'goodwill' }, 'part');
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ amount: { amount: 1_000, currency: 'EUR' }, status: 'succeeded' });
    expect((await read(placed)).status).toBe('partially_refunded');
    const rest = await refund(placed.order.id, { reason: 'the rest' }, 'rest');
    expect(rest.body.amount.amount).toBe(total - 1_000);
    const order = await read(placed);
    expect(order.status).toBe('refunded');
    expect(order.refunds.reduce((n, r) => n + r.amount.amount, 0)).toBe(total);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(2);
    expect(await shop.eventsOf('CreditNoteIssued', placed.order.id, 2)).toHaveLength(2);
    expectProblem(await refund(placed.order.id, { reason: 'again' }, 'again'), 422, 'amount');
  });

  it('the same Idempotency-Key twice: one refund, at Stripe too; another body with it → 422', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1 });
    const body = { amount: { amount: 500, currency: 'EUR' }, reason: 'goodwill' };
    const first = await refund(placed.order.id, body, 'same');
    const again = await refund(placed.order.id, body, 'same');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
    expect((await refund(placed.order.id, { ...body, reason: 'other' }, 'same')).status).toBe(422);
  });

  it('Stripe failing and the request never sent again, the order cancelled instead: the schedule asks Stripe again, once; the money goes back', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    await shop.api('POST', '/dev/faults', { body: { stripe: { failNext: 3, status: 500 } } });
    expect((await refund(placed.order.id, { reason: 'stripe down' }, 'lost-key')).status).toBe(503);
    await shop.api('DELETE', '/dev/faults');
    // The reserved amount counts as refunded: nothing left to refund under another key, and the cancel goes through.
    expect((await refund(placed.order.id, { reason: 'again' }, 'another-key')).status).toBe(422);
    expect((await shop.api('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin })).status).toBe(200);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toEqual([]);
    // Within two minutes its own request may still be asking Stripe: left alone.
    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 60 } });
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toEqual([]);
    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 5 * 60 } });
    const order = await until(() => read(placed), (o) => o.refunds[0]?.status === 'succeeded', 5000);
    expect(order.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: placed.order.totals.total })]);
    expect(order.status).toBe('cancelled');
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toEqual([expect.objectContaining({ status: 'succeeded', amount: placed.order.totals.total.amount })]);
    await shop.eventsOf('RefundIssued', placed.order.id);
    // Off the watch: later runs ask nothing more.
    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 10 * 60 } });
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('one Idempotency-Key on two orders: two refunds, one for each order', async () => {
    const [a, b] = [await paidOrder({ 'MUG-ENAMEL-BLUE': 1 }), await paidOrder({ 'MUG-ENAMEL-BLUE': 1 })];
    const body = { amount: { amount: 100, currency: 'EUR' }, reason: 'goodwill' };
    const [forA, forB] = [await refund(a.order.id, body, 'shared-key'), await refund(b.order.id, body, 'shared-key')];
    expect([forA.status, forB.status]).toEqual([201, 201]);
    expect(forB.body.id).not.toBe(forA.body.id);
    for (const placed of [a, b]) {
      expect((await read(placed)).refunds.map((r) => r.amount.amount)).toEqual([100]);
      expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
    }
  });

  it('two concurrent refunds of the whole remainder: one succeeds, the other is a 422, Stripe called once', async () => {
    const placed = await paidOrder({ 'BOOK-PETIT-PRINCE': 1 });
    const replies = await Promise.all([refund(placed.order.id, { reason: 'a' }, 'race-a'), refund(placed.order.id, { reason: 'b' }, 'race-b')]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('Stripe failing, then answering on the retry with the same key: one refund at Stripe', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    // The SDK itself retries twice: three failures make the request fail.
    await shop.api('POST', '/dev/faults', { body: { stripe: { failNext: 3, status: 500 } } });
    const failed = await refund(placed.order.id, { reason: 'stripe down' }, 'retry');
    expect(failed.status).toBe(503);
    await shop.api('DELETE', '/dev/faults');
    // Another request under that key (its record went with the 503): refused, as the idempotency layer refuses one.
    expectProblem(await refund(placed.order.id, { reason: 'stripe down', amount: { amount: 100, currency: 'EUR' } }, 'retry'), 422, 'header.idempotency-key');
    expectProblem(await refund(placed.order.id, { reason: 'another reason' }, 'retry'), 422, 'header.idempotency-key');
    const retried = await refund(placed.order.id, { reason: 'stripe down' }, 'retry');
    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('succeeded');
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
    expect((await read(placed)).status).toBe('refunded');
  });

  it('a refund the bank fails later: RefundFailed, and its amount is refundable again', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_refundFail');
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    const first = await refund(placed.order.id, { reason: 'bank will fail it' }, 'bank');
    expect(first.status).toBe(201);
    await shop.eventsOf('RefundFailed', placed.order.id);
    const order = await until(() => read(placed), (o) => o.refunds[0]?.status === 'failed', 5000);
    expect(order.refunds[0]?.status).toBe('failed');
    // Stripe tells the failure by three events (refund.updated, refund.failed, charge.refund.updated): one fact.
    const told = await shop.eventsOf('RefundStatusReported', placed.order.id, 2);
    const failures = told.filter((e) => (e.detail.data as { status: string }).status === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(new Set(failures.map((e) => (e.detail as { metadata?: { eventId: string } }).metadata?.eventId)).size).toBe(1);
    const second = await refund(placed.order.id, { reason: 'again' }, 'bank-2');
    expect(second.status).toBe(201);
    expect(second.body.amount.amount).toBe(placed.order.totals.total.amount);
  });

  it('a refund the bank fails later: an invoice of the invoice series cancels its credit note, shown with the order\'s invoice; a new refund, a new note', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_refundFail');
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    const total = placed.order.totals.total.amount;
    expect((await refund(placed.order.id, { reason: 'bank will fail it' }, 'bank-cancels-note')).status).toBe(201);
    const [cancelled] = await shop.eventsOf('CreditNoteCancelled', placed.order.id);
    const [issued] = await shop.eventsOf('CreditNoteIssued', placed.order.id);
    type Note = { number: string; totals: { includingTax: { amount: number } }; vatByRate: unknown[]; lines: unknown[]; cancelledBy?: string };
    const note = (issued?.detail.data as { creditNote: Note }).creditNote;
    const cancelling = (cancelled?.detail.data as { cancellingInvoice: Note & { creditNoteNumber: string } }).cancellingInvoice;
    expect(cancelling).toMatchObject({ creditNoteNumber: note.number, lines: note.lines, vatByRate: note.vatByRate, totals: { includingTax: { amount: total } } });
    expect(cancelling.number).toMatch(/^F\d{4}-\d{6}$/);
    const headers = { 'x-order-token': placed.orderToken };
    const invoice = await shop.api<{ invoiceNumber: string; cancellingInvoices: unknown[] }>('GET', `/orders/${placed.order.id}/invoice`, { headers });
    expect(invoice.body.cancellingInvoices).toEqual([cancelling]);
    expect(cancelling.number > invoice.body.invoiceNumber).toBe(true);
    const notes = await shop.api<{ items: Note[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers });
    expect(notes.body.items.map((n) => [n.number, n.cancelledBy])).toEqual([[note.number, cancelling.number]]);
    // Refundable again; this card's bank fails every refund, so the second note is cancelled too:
    // the notes less the invoices cancelling them are what reached the customer, nothing.
    expect((await refund(placed.order.id, { reason: 'again' }, 'bank-cancels-note-2')).body.amount.amount).toBe(total);
    await shop.eventsOf('CreditNoteCancelled', placed.order.id, 2);
    const after = await shop.api<{ cancellingInvoices: Note[] }>('GET', `/orders/${placed.order.id}/invoice`, { headers });
    const listed = await shop.api<{ items: Note[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers });
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.every((n) => after.body.cancellingInvoices.some((i) => i.number === n.cancelledBy))).toBe(true);
    const credited = listed.body.items.reduce((n, i) => n + i.totals.includingTax.amount, 0) - after.body.cancellingInvoices.reduce((n, i) => n + i.totals.includingTax.amount, 0);
    expect(credited).toBe(0);
    expect((await read(placed)).refunds.filter((r) => r.status === 'succeeded')).toEqual([]);
  });

  it('a refund webhook delivered twice changes nothing', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1 });
    await refund(placed.order.id, { amount: { amount: 300, currency: 'EUR' }, reason: 'goodwill' }, 'hook');
    const [updated] = await shop.stripeEventsFor((await refundsAtStripe(placed.payment.paymentIntentId))[0]!.id, 'refund.created');
    if (updated) {
      await fetch(`${runtime.stripeUrl}/_emulator/events/${updated.id}/deliver`, { method: 'POST' });
      await fetch(`${runtime.stripeUrl}/_emulator/events/${updated.id}/deliver`, { method: 'POST' });
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await shop.eventsOf('RefundIssued', placed.order.id)).toHaveLength(1);
    expect((await read(placed)).refunds).toHaveLength(1);
  });

  it('admin only: 401 without a token', async () => {
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1 });
    expect((await shop.api('POST', `/admin/orders/${placed.order.id}/refunds`, { body: { reason: 'x' }, headers: { 'idempotency-key': 'k' } })).status).toBe(401);
  });
});

describe('cancellation by the shop', () => {
  it('a paid, unshipped order with an e-book: void, its stock back, refunded in full, the e-book and the delivery too; its downloads closed', async () => {
    const before = await available('MUG-ENAMEL-BLUE');
    const placed = await paidOrder({ 'MUG-ENAMEL-BLUE': 1, 'EBOOK-MISERABLES': 1 });
    expect(await available('MUG-ENAMEL-BLUE')).toBe(before - 1);
    const downloads = () => shop.api('GET', `/orders/${placed.order.id}/downloads`, { headers: { 'x-order-token': placed.orderToken } });
    // The e-book was supplied at payment: the cancellation voids it all the same.
    await until(downloads, (reply) => reply.status === 200);
    const cancelled = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: placed.order.totals.total })]);
    const notes = await shop.api<{ items: { lines: { sku: string }[]; shipping: { amount: number } }[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers: { 'x-order-token': placed.orderToken } });
    expect(notes.body.items.map((n) => [n.lines.map((l) => l.sku).sort(), n.shipping.amount > 0])).toEqual([[['EBOOK-MISERABLES', 'MUG-ENAMEL-BLUE'], true]]);
    expectProblem(await downloads(), 409, 'was cancelled and refunded: its downloads are closed.');
    expect(await available('MUG-ENAMEL-BLUE')).toBe(before);
    const again = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(again.body.refunds).toHaveLength(1);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('a paid order cancelled, whose refund the bank fails later: still cancelled, its credit note cancelled by an invoice of the invoice series', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_refundFail');
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    expect((await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin })).body.status).toBe('cancelled');
    const [cancelled] = await shop.eventsOf('CreditNoteCancelled', placed.order.id);
    const [issued] = await shop.eventsOf('CreditNoteIssued', placed.order.id);
    const note = (issued?.detail.data as { creditNote: { number: string; totals: unknown } }).creditNote;
    const invoice = await shop.api<{ cancellingInvoices: unknown[] }>('GET', `/orders/${placed.order.id}/invoice`, { headers: { 'x-order-token': placed.orderToken } });
    expect(invoice.body.cancellingInvoices).toEqual([(cancelled?.detail.data as { cancellingInvoice: unknown }).cancellingInvoice]);
    expect(invoice.body.cancellingInvoices).toEqual([expect.objectContaining({ creditNoteNumber: note.number, totals: note.totals })]);
    const order = await read(placed);
    expect(order.status).toBe('cancelled');
    expect(order.refunds.map((r) => r.status)).toEqual(['failed']);
  });

  it('a paid, unshipped order refunded in part: cancelled, what is left refunded with its credit note, its stock back; sent again, the same', async () => {
    const before = await available('APRON-LINEN');
    const placed = await paidOrder({ 'APRON-LINEN': 2 });
    const total = placed.order.totals.total.amount;
    expect((await refund(placed.order.id, { amount: { amount: 1_000, currency: 'EUR' }, reason: 'goodwill' }, 'k1')).status).toBe(201);
    expect((await read(placed)).status).toBe('partially_refunded');

    const cancelled = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.refunds.map((r) => [r.status, r.amount.amount])).toEqual([
      ['succeeded', 1_000],
      ['succeeded', total - 1_000],
    ]);
    expect(await available('APRON-LINEN')).toBe(before);
    expect(await shop.eventsOf('CreditNoteIssued', placed.order.id, 2)).toHaveLength(2);
    expect(await shop.eventsOf('OrderCancelled', placed.order.id)).toHaveLength(1);

    const again = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(again.status).toBe(200);
    expect(again.body.refunds).toHaveLength(2);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(2);
    expect(await available('APRON-LINEN')).toBe(before);
  });

  it('a paid, unshipped order refunded in full: cancelled, its stock back, nothing more refunded', async () => {
    const before = await available('APRON-LINEN');
    const placed = await paidOrder({ 'APRON-LINEN': 1 });
    expect((await refund(placed.order.id, { reason: 'everything' }, 'all')).status).toBe(201);

    const cancelled = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.refunds).toHaveLength(1);
    expect(await available('APRON-LINEN')).toBe(before);
    expect(await refundsAtStripe(placed.payment.paymentIntentId)).toHaveLength(1);
  });

  it('an unpaid order: cancelled, stock released, its PaymentIntent cancelled, and the order says so at once; Stripe\'s webhook about it, late or twice, changes nothing', async () => {
    const before = await available('APRON-LINEN');
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 2 }))).body;
    const cancelled = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
    expect(await available('APRON-LINEN')).toBe(before);
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).not.toBe(200);

    const [webhook] = await until(() => shop.stripeEventsFor(placed.payment.paymentIntentId, 'payment_intent.canceled'), (found) => found.length > 0, 5000);
    await shop.redeliver(webhook!.id);
    expect(await read(placed)).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
    expect(await shop.eventsOf('OrderCancelled', placed.order.id)).toHaveLength(1);
    expect(await available('APRON-LINEN')).toBe(before);
  });

  it('an unpaid order waiting for 3-D Secure: cancelled, its payment canceled, no longer requires_action', async () => {
    const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
    await shop.confirm(placed.payment.paymentIntentId, 'pm_card_authenticationRequired');
    await shop.orderUntil(placed, (o) => o.payment.status === 'requires_action');
    const cancelled = await shop.api<Order>('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'canceled' } });
  });

  it('a shipped order → 409, refunded in part or not', async () => {
    const placed = await paidOrder({ 'TEE-ORGANIC-M': 1 });
    await shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'dpd', trackingNumber: 'DPD00001' }, headers: shop.admin });
    expectProblem(await shop.api('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin }), 409);
    expect((await refund(placed.order.id, { amount: { amount: 100, currency: 'EUR' }, reason: 'goodwill' }, 'shipped')).status).toBe(201);
    expectProblem(await shop.api('POST', `/admin/orders/${placed.order.id}/cancel`, { headers: shop.admin }), 409, 'status');
    expect((await read(placed)).status).toBe('partially_refunded');
  });
});
