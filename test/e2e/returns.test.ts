import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { expectProblem, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

/** A product of this suite only, so its stock moves with nothing else. */
const SKU = 'E2E-RETURN-MUG';

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005 });
  shop = shopper(runtime);
  const mug = { name: 'Mug à retourner', description: 'Grès, 30 cl.', type: 'physical', price: { amount: 1490, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' };
  expect((await shop.api('PUT', `/admin/products/${SKU}`, { body: mug, headers: shop.admin })).status).toBe(200);
  expect((await shop.api('POST', `/admin/products/${SKU}/stock`, { body: { set: 20 }, headers: shop.admin })).status).toBe(200);
}, 120_000);
afterAll(() => runtime.stop());

interface Return {
  id: string;
  orderId: string;
  status: string;
  items: { sku: string; quantity: number; reason: string }[];
  received?: { sku: string; received: number; damaged: number }[];
  refundDueBy?: string;
  createdAt: string;
}
type Order = Checkout['order'] & { totals: { shipping: { amount: number } }; returns: Return[]; refunds: { id: string; status: string; amount: { amount: number } }[]; refundDueBy?: string };

/** Paid by a signed-in customer, shipped and delivered: `quantity` of this suite's mug, and any other lines, with a promotion code if given. */
const deliveredOrder = async (customer: string, quantity: number, others: Record<string, number> = {}, promotion?: string) => {
  const cart = await shop.openCart({ [SKU]: quantity, ...others });
  if (promotion) expect((await shop.api('POST', `/carts/${cart.id}/promotions`, { body: { code: promotion }, headers: cart.headers })).status).toBe(200);
  expect((await shop.api('POST', `/carts/${cart.id}/claim`, { headers: { ...cart.headers, authorization: `Bearer ${customer}` } })).status).toBe(200);
  const placed = (await shop.checkout(cart)).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  const shipment = await shop.api<{ id: string }>('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'colissimo', trackingNumber: `6A${Date.now()}` }, headers: shop.admin });
  expect(shipment.status).toBe(201);
  expect((await shop.api('POST', `/admin/orders/${placed.order.id}/shipments/${shipment.body.id}/delivered`, { headers: shop.admin })).status).toBe(200);
  return placed;
};
const askReturn = (orderId: string, headers: Record<string, string>, quantity: number) =>
  shop.api<Return>('POST', `/orders/${orderId}/returns`, { body: { items: [{ sku: SKU, quantity, reason: 'withdrawal' }] }, headers });
const admin = (returnId: string, action: 'approve' | 'reject' | 'receive', body?: object) =>
  shop.api<Return>('POST', `/admin/returns/${returnId}/${action}`, { headers: shop.admin, ...(body && { body }) });
const read = async (placed: Checkout) => (await shop.api<Order>('GET', `/orders/${placed.order.id}`, { headers: { 'x-order-token': placed.orderToken } })).body;
const available = async () => (await shop.api<{ available: number }>('GET', `/products/${SKU}`)).body.available;
const bearer = async (sub: string) => ({ authorization: `Bearer ${await runtime.mintToken({ sub, email: `${sub}@example.com` })}` });

describe('a return, from the customer to the refund', () => {
  it('asked, approved, received with one unit damaged: partially refunded, the undamaged unit back in stock, a credit note', async () => {
    const alice = await bearer('alice-returns');
    const placed = await deliveredOrder(alice.authorization.slice('Bearer '.length), 3);
    expectProblem(await askReturn(placed.order.id, await bearer('bob-returns'), 1), 404);

    const asked = await askReturn(placed.order.id, alice, 2);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ orderId: placed.order.id, status: 'requested', items: [{ sku: SKU, quantity: 2, reason: 'withdrawal' }] });
    // A withdrawal's refund is owed 14 days after the request (Code de la consommation L221-24).
    expect(Date.parse(asked.body.refundDueBy ?? '') - Date.parse(asked.body.createdAt)).toBe(14 * 24 * 3600 * 1000);
    expect((await read(placed)).refundDueBy).toBe(asked.body.refundDueBy);
    expect(await shop.eventsOf('ReturnRequested', placed.order.id)).toHaveLength(1);

    const approved = await admin(asked.body.id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(await shop.eventsOf('ReturnApproved', placed.order.id)).toHaveLength(1);

    const before = await available();
    const received = await admin(asked.body.id, 'receive', { items: [{ sku: SKU, received: 2, damaged: 1 }] });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ id: asked.body.id, status: 'refunded', received: [{ sku: SKU, received: 2, damaged: 1 }] });
    expect(await available()).toBe(before + 1);

    const order = await read(placed);
    expect(order.status).toBe('partially_refunded');
    expect(order.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: { amount: 2 * 1490, currency: 'EUR' } })]);
    expect(order).not.toHaveProperty('refundDueBy');
    const [note] = await shop.eventsOf('CreditNoteIssued', placed.order.id);
    expect(note?.detail.data).toMatchObject({ orderId: placed.order.id, creditNote: { number: expect.stringMatching(/^A\d{4}-\d{6}$/), totals: { includingTax: { amount: 2980 } } } });
    const stock = await until(
      async () => (await shop.events()).filter((e) => e['detail-type'] === 'StockChanged' && (e.detail.data as { reason?: string; sku?: string }).reason === 'return_received' && e.detail.data.sku === SKU),
      (found) => found.length > 0,
      5000,
    );
    expect(stock.map((e) => e.detail.data)).toEqual([
      { sku: SKU, previous: before, available: before + 1, delta: 1, availableAsOf: 'report', reason: 'return_received', orderId: placed.order.id, returnId: asked.body.id, low: false },
    ]);

    // Received again with the same counts (a retried request): the same answer, nothing restocked or refunded twice.
    const retried = await admin(asked.body.id, 'receive', { items: [{ sku: SKU, received: 2, damaged: 1 }] });
    expect([retried.status, retried.body]).toEqual([200, received.body]);
    // With other counts: 409 saying what was received, and nothing changes.
    const other = await admin(asked.body.id, 'receive', { items: [{ sku: SKU, received: 2, damaged: 0 }] });
    expectProblem(other, 409, `already received: ${SKU} 2 received, 1 damaged`);
    expect(other.body).toMatchObject({ errors: [{ path: 'items' }] });
    expect(await available()).toBe(before + 1);
    expect((await read(placed)).refunds).toHaveLength(1);
    expect((await read(placed)).returns[0]?.received).toEqual([{ sku: SKU, received: 2, damaged: 1 }]);
  });

  it('received twice at once with different counts: one 200, the other 409, only the first restocked and refunded', async () => {
    const customer = await bearer('hugo-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 2);
    const asked = (await askReturn(placed.order.id, customer, 2)).body;
    await admin(asked.id, 'approve');
    const before = await available();
    const bodies = [{ sku: SKU, received: 1, damaged: 1 }, { sku: SKU, received: 2, damaged: 0 }];
    const answers = await Promise.all(bodies.map((line) => admin(asked.id, 'receive', { items: [line] })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((a) => a.status === 200);
    expectProblem(answers[1 - winner]!, 409, 'already received');
    const order = await read(placed);
    expect(order.returns[0]?.received).toEqual([bodies[winner]]);
    expect(await available()).toBe(before + bodies[winner]!.received - bodies[winner]!.damaged);
    expect(order.refunds.map((r) => r.amount.amount)).toEqual([bodies[winner]!.received * 1490 + (winner === 1 ? order.totals.shipping.amount : 0)]);
    expect(await shop.eventsOf('ReturnReceived', placed.order.id)).toHaveLength(1);
  });

  it('Stripe failing during the receipt: 503, the return stays received; received again, one refund at Stripe', async () => {
    const customer = await bearer('carol-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 1);
    const asked = (await askReturn(placed.order.id, customer, 1)).body;
    await admin(asked.id, 'approve');
    // The SDK itself retries twice: three failures make the call fail.
    await shop.api('POST', '/dev/faults', { body: { stripe: { failNext: 3, status: 500 } } });
    expectProblem(await admin(asked.id, 'receive', { items: [{ sku: SKU, received: 1, damaged: 0 }] }), 503);
    await shop.api('DELETE', '/dev/faults');
    expect((await read(placed)).returns[0]?.status).toBe('received');
    const again = await admin(asked.id, 'receive', { items: [{ sku: SKU, received: 1, damaged: 0 }] });
    expect(again.body.status).toBe('refunded');
    const atStripe = await fetch(`${runtime.stripeUrl}/v1/refunds?payment_intent=${placed.payment.paymentIntentId}`, { headers: { authorization: 'Bearer sk_test_local_emulator' } });
    expect(((await atStripe.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('the order refunded in full before the goods came back: received, restocked, no new refund, the return ends refunded and nothing is owed', async () => {
    const customer = await bearer('grace-returns');
    const cart = await shop.openCart({ [SKU]: 2 });
    expect((await shop.api('POST', `/carts/${cart.id}/claim`, { headers: { ...cart.headers, ...customer } })).status).toBe(200);
    const placed = (await shop.checkout(cart)).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    await shop.orderUntil(placed, (o) => o.status === 'paid');
    expect((await shop.api('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'colissimo', trackingNumber: `6A${Date.now()}` }, headers: shop.admin })).status).toBe(201);
    const asked = (await askReturn(placed.order.id, customer, 2)).body;
    expect((await admin(asked.id, 'approve')).status).toBe(200);
    expect((await read(placed)).refundDueBy).toBe(asked.refundDueBy);
    const everything = await shop.api('POST', `/admin/orders/${placed.order.id}/refunds`, { body: { reason: 'refund everything now' }, headers: { ...shop.admin, 'idempotency-key': `everything-${asked.id}` } });
    expect(everything.status).toBe(201);
    // Nothing is left to refund: nothing is owed, on the order or the return, which waits for its goods.
    const refunded = await read(placed);
    expect(refunded.status).toBe('refunded');
    expect(refunded).not.toHaveProperty('refundDueBy');
    expect(refunded.returns[0]?.status).toBe('approved');
    expect(refunded.returns[0]).not.toHaveProperty('refundDueBy');

    const before = await available();
    const received = await admin(asked.id, 'receive', { items: [{ sku: SKU, received: 2, damaged: 0 }] });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ id: asked.id, status: 'refunded', received: [{ sku: SKU, received: 2, damaged: 0 }] });
    expect(await available()).toBe(before + 2);
    const order = await read(placed);
    expect(order.status).toBe('refunded');
    expect(order.refunds).toHaveLength(1);
    expect(order).not.toHaveProperty('refundDueBy');
    expect(order.returns[0]?.status).toBe('refunded');
    expect(await shop.eventsOf('ReturnReceived', placed.order.id)).toHaveLength(1);

    // Sent again: the same answer, nothing restocked twice.
    const again = await admin(asked.id, 'receive', { items: [{ sku: SKU, received: 2, damaged: 0 }] });
    expect([again.status, again.body.status]).toEqual([200, 'refunded']);
    expect(await available()).toBe(before + 2);
  });

  it('refuses more than was bought (422 naming the line) and a reader without the order (404)', async () => {
    const customer = await bearer('dave-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 1);
    expectProblem(await askReturn(placed.order.id, customer, 2), 422, 'items.0.quantity');
    expectProblem(await askReturn(placed.order.id, { 'x-order-token': 'not-the-token' }, 1), 404);
    // A bad body from someone without the order: still 404, not a 400 that reads the request first.
    const badBody = { body: { items: [{ sku: 'x', quantity: -1 }] } };
    expectProblem(await shop.api('POST', `/orders/${placed.order.id}/returns`, { ...badBody, headers: { 'x-order-token': 'not-the-token' } }), 404);
    expectProblem(await shop.api('POST', `/orders/${placed.order.id}/returns`, badBody), 404);
    expectProblem(await shop.api('POST', `/orders/${placed.order.id}/returns`, { ...badBody, headers: customer }), 400, 'quantity');
    expect((await askReturn(placed.order.id, { 'x-order-token': placed.orderToken }, 1)).status).toBe(201);
  });

  it('the admin routes are the shop\'s: 401 without a token, 403 for a customer, 404 for an unknown return, 409 naming status', async () => {
    expectProblem(await shop.api('POST', '/admin/returns/unknown-return-1/approve'), 401);
    expectProblem(await shop.api('POST', '/admin/returns/unknown-return-1/approve', { headers: await bearer('eve-returns') }), 403);
    expectProblem(await admin('unknown-return-1', 'approve'), 404);
    const customer = await bearer('erin-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 1);
    const asked = (await askReturn(placed.order.id, customer, 1)).body;
    expectProblem(await admin(asked.id, 'receive', { items: [{ sku: SKU, received: 1, damaged: 0 }] }), 409, 'status');
    const rejected = await admin(asked.id, 'reject', { reason: 'Used' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Used' });
    // A rejected return owes nothing: no deadline on it, nor on its order.
    expect(rejected.body).not.toHaveProperty('refundDueBy');
    const order = await read(placed);
    expect(order).not.toHaveProperty('refundDueBy');
    expect(order.returns[0]).not.toHaveProperty('refundDueBy');
    expectProblem(await admin(asked.id, 'approve'), 409, 'status');
  });

  it('approving takes no body: a field sent is refused by name (400 naming foo, as every body field is named) and approves nothing; no body or {} approves', async () => {
    const customer = await bearer('hugo-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 2);
    const first = (await askReturn(placed.order.id, customer, 1)).body;
    const second = (await askReturn(placed.order.id, customer, 1)).body;
    const refused = await admin(first.id, 'approve', { foo: 1 });
    expectProblem(refused, 400, 'foo is not a known field');
    expect(refused.body).toMatchObject({ errors: [{ path: 'foo', message: 'is not a known field' }] });
    expect((await read(placed)).returns.map((r) => r.status)).toEqual(['requested', 'requested']);
    expect((await admin(first.id, 'approve', {})).body.status).toBe('approved');
    expect((await admin(second.id, 'approve')).body.status).toBe('approved');
  });

  it('asked twice with one Idempotency-Key: one return, answered alike; another body → 422; the key on another order → its own; no key → one each time', async () => {
    const customer = await bearer('gina-returns');
    const token = customer.authorization.slice('Bearer '.length);
    const [placed, other] = [await deliveredOrder(token, 3), await deliveredOrder(token, 1)];
    const keyed = { ...customer, 'idempotency-key': 'return-key-1' };

    const first = await askReturn(placed.order.id, keyed, 1);
    const again = await askReturn(placed.order.id, keyed, 1);
    expect(first.status).toBe(201);
    expect({ status: again.status, body: again.text }).toEqual({ status: 201, body: first.text });
    // The order token's holder may read the order too: the same key is the same return for them.
    expect((await askReturn(placed.order.id, { 'x-order-token': placed.orderToken, 'idempotency-key': 'return-key-1' }, 1)).text).toBe(first.text);
    expect((await read(placed)).returns.map((r) => r.id)).toEqual([first.body.id]);
    // Whoever may not read the order has its 404 before any replay, never the stored return.
    expectProblem(await askReturn(placed.order.id, { 'x-order-token': 'not-the-token', 'idempotency-key': 'return-key-1' }, 1), 404);
    expectProblem(await askReturn(placed.order.id, keyed, 2), 422, 'header.idempotency-key');
    expectProblem(await askReturn(placed.order.id, { ...customer, 'idempotency-key': '' }, 1), 400, 'header.idempotency-key');

    const onOther = await askReturn(other.order.id, keyed, 1);
    expect(onOther.status).toBe(201);
    expect(onOther.body).toMatchObject({ orderId: other.order.id, items: [{ sku: SKU, quantity: 1 }] });
    expect((await read(other)).returns.map((r) => r.id)).toEqual([onOther.body.id]);

    // Without a key, as clients asked before the route took keys: each request is a return.
    const [second, third] = [await askReturn(placed.order.id, customer, 1), await askReturn(placed.order.id, customer, 1)];
    expect([second.status, third.status]).toEqual([201, 201]);
    expect((await read(placed)).returns.map((r) => r.id)).toEqual([first.body.id, second.body.id, third.body.id]);
    expect(await shop.eventsOf('ReturnRequested', placed.order.id, 3)).toHaveLength(3);
  });

  it('a full withdrawal of a 20 % mug and a 5.5 % book: the credit note restates the invoice’s lines, and gives the delivery back at both rates, VAT per rate as invoiced', async () => {
    const customer = await bearer('hana-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 1, { 'BOOK-PETIT-PRINCE': 1 });
    const items = [SKU, 'BOOK-PETIT-PRINCE'].map((sku) => ({ sku, quantity: 1, reason: 'withdrawal' }));
    const asked = await shop.api<Return>('POST', `/orders/${placed.order.id}/returns`, { body: { items }, headers: customer });
    expect(asked.status).toBe(201);
    expect((await admin(asked.body.id, 'approve')).status).toBe(200);
    const received = await admin(asked.body.id, 'receive', { items: items.map(({ sku }) => ({ sku, received: 1, damaged: 0 })) });
    expect(received.body.status).toBe('refunded');

    const headers = { 'x-order-token': placed.orderToken };
    type Amounts = {
      lines: Record<string, unknown>[];
      vatByRate: { rate: number; base: { amount: number }; vat: { amount: number } }[];
      shipping: { amount: number };
      totals: { includingTax: { amount: number }; vat: { amount: number } };
    };
    const invoice = (await shop.api<Amounts>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body;
    const [note] = (await shop.api<{ items: Amounts[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers })).body.items;
    // 4.90 of delivery split pro rata of 14.90 and 8.90: 3.07 at 20 % (0.51 VAT) and 1.83 at 5.5 % (0.10 VAT).
    const rows = (doc: Amounts) => doc.vatByRate.map((r) => [r.rate, r.base.amount, r.vat.amount]).sort(([a], [b]) => Number(a) - Number(b));
    expect(rows(invoice)).toEqual([[5.5, 844 + 173, 46 + 10], [20, 1242 + 256, 248 + 51]]);
    expect(rows(note!)).toEqual(rows(invoice));
    expect(note).toMatchObject({ shipping: { amount: 490 }, totals: { includingTax: invoice.totals.includingTax, vat: invoice.totals.vat } });
    // Every unit back: each line as invoiced, field for field (unit price, discount, totals).
    const bySku = (lines: Record<string, unknown>[]) => [...lines].sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
    expect(bySku(note!.lines)).toEqual(bySku(invoice.lines));
    expect((await read(placed)).status).toBe('refunded');
  });

  it('a discounted mug returned one unit, then two: each credit note states the unit price invoiced and its units’ share of the discount, adding up to the invoice’s', async () => {
    // 3 × 14.90 less 1.00: 43.70 paid, 14.57 for the first unit, 29.13 for the other two.
    expect((await shop.api('PUT', '/admin/promotions/E2E-RETURN-1EUR', { body: { kind: 'fixed', value: 100 }, headers: shop.admin })).status).toBe(200);
    const customer = await bearer('ines-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 3, {}, 'E2E-RETURN-1EUR');
    for (const quantity of [1, 2]) {
      const asked = await askReturn(placed.order.id, customer, quantity);
      expect((await admin(asked.body.id, 'approve')).status).toBe(200);
      expect((await admin(asked.body.id, 'receive', { items: [{ sku: SKU, received: quantity, damaged: 0 }] })).body.status).toBe('refunded');
    }
    type Line = { sku: string; quantity: number; unitPrice: { amount: number }; discount: { amount: number }; totalIncludingTax: { amount: number }; totalExcludingTax: { amount: number } };
    const headers = { 'x-order-token': placed.orderToken };
    const [invoiced] = (await shop.api<{ lines: Line[] }>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body.lines;
    const notes = (await shop.api<{ items: { lines: Line[] }[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers })).body.items;
    expect(invoiced).toMatchObject({ sku: SKU, quantity: 3, unitPrice: { amount: 1490 }, discount: { amount: 100 }, totalIncludingTax: { amount: 4370 } });
    const credited = notes.flatMap((n) => n.lines);
    expect(credited.map((l) => [l.sku, l.quantity, l.unitPrice.amount, l.discount.amount, l.totalIncludingTax.amount])).toEqual([
      [SKU, 1, 1490, 33, 1457],
      [SKU, 2, 1490, 67, 2913],
    ]);
    // The shop's prices include VAT: quantity × unit price − discount is the total with VAT, as on the invoice.
    for (const line of [invoiced!, ...credited]) expect(line.quantity * line.unitPrice.amount - line.discount.amount).toBe(line.totalIncludingTax.amount);
  });

  it('every unit returned after a goodwill refund: refunded what was left, the credit note lists the goods and the delivery, not a goodwill sum', async () => {
    const customer = await bearer('jade-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 2, { 'BOOK-PETIT-PRINCE': 1 });
    const goodwill = await shop.api('POST', `/admin/orders/${placed.order.id}/refunds`, { body: { amount: { amount: 1_000, currency: 'EUR' }, reason: 'goodwill' }, headers: { ...shop.admin, 'idempotency-key': 'jade-goodwill' } });
    expect(goodwill.status).toBe(201);
    const items = [{ sku: SKU, quantity: 2, reason: 'withdrawal' }, { sku: 'BOOK-PETIT-PRINCE', quantity: 1, reason: 'withdrawal' }];
    const asked = await shop.api<Return>('POST', `/orders/${placed.order.id}/returns`, { body: { items }, headers: customer });
    expect((await admin(asked.body.id, 'approve')).status).toBe(200);
    expect((await admin(asked.body.id, 'receive', { items: items.map(({ sku, quantity }) => ({ sku, received: quantity, damaged: 0 })) })).body.status).toBe('refunded');

    type Note = { lines: { sku: string; quantity: number }[]; shipping: { amount: number }; vatByRate: { rate: number; base: { amount: number }; vat: { amount: number } }[]; totals: { includingTax: { amount: number } } };
    const headers = { 'x-order-token': placed.orderToken };
    const invoice = (await shop.api<Note>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body;
    const notes = (await shop.api<{ items: Note[] }>('GET', `/orders/${placed.order.id}/credit-notes`, { headers })).body.items;
    expect(notes.map((n) => n.totals.includingTax.amount)).toEqual([1_000, invoice.totals.includingTax.amount - 1_000]);
    expect(notes[1]!.lines.map((l) => [l.sku, l.quantity])).toEqual([[SKU, 2], ['BOOK-PETIT-PRINCE', 1]]);
    expect(notes[1]!.shipping.amount).toBeGreaterThan(0);
    // Together the two notes cancel the invoice rate by rate.
    const byRate = new Map<number, number[]>();
    for (const r of notes.flatMap((n) => n.vatByRate)) byRate.set(r.rate, [(byRate.get(r.rate)?.[0] ?? 0) + r.base.amount, (byRate.get(r.rate)?.[1] ?? 0) + r.vat.amount]);
    expect(invoice.vatByRate.map((r) => [r.rate, r.base.amount, r.vat.amount])).toEqual(invoice.vatByRate.map((r) => [r.rate, ...byRate.get(r.rate)!]));
    expect((await read(placed)).status).toBe('refunded');
  });

  // Last: it moves the clock of the whole runtime.
  it('still open on day 14 after the last delivery, closed on day 15: 422', async () => {
    const customer = await bearer('frank-returns');
    const placed = await deliveredOrder(customer.authorization.slice('Bearer '.length), 2);
    const hours = (n: number) => ({ body: { advanceSeconds: n * 3600 } });
    // 14 days less 2 hours: day 14 whatever the hour of delivery and summer time.
    expect((await shop.api('POST', '/dev/clock', hours(14 * 24 - 2))).status).toBe(200);
    expect((await askReturn(placed.order.id, customer, 1)).status).toBe(201);
    expect((await shop.api('POST', '/dev/clock', hours(26))).status).toBe(200);
    expectProblem(await askReturn(placed.order.id, customer, 1), 422, 'return window');
  });
});
