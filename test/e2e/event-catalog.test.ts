import Ajv04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { signPayload } from '../../infra/local/stripe-emulator/webhooks';
import { eventCatalog } from '#runtime/event-catalog';
import { until } from './client';
import { startTestRuntime } from '../support/runtime';
import { shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime();
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

type Carried = { 'detail-type': string; detail: { metadata: { eventId: string }; data: Record<string, unknown> } };

/** The catalog as a consumer reads it: draft-04, strict about the schemas themselves. */
const validators = () => {
  // The patterns zod writes beside each `format` already check date-times.
  const ajv = new Ajv04({ strict: true, allErrors: true, validateFormats: false });
  ajv.addVocabulary(['x-amazon-events-source', 'x-amazon-events-detail-type']);
  return new Map(eventCatalog().map(({ contract, schema }) => [contract.name, ajv.compile(schema)]));
};

const stripeSecret = 'whsec_local_emulator_secret';

/**
 * Sends again after a 5xx, as Stripe does with its webhooks: under LOCAL_CHAOS a PutEvents call
 * may fail. Only for requests that are safe to repeat (PUT, `set`, a signed Stripe event).
 */
const retried = async <T extends { status: number }>(send: () => Promise<T>): Promise<T> => {
  let reply = await send();
  for (let tries = 1; reply.status >= 500 && tries < 10; tries++) reply = await send();
  return reply;
};

const place = async (cart: Parameters<typeof shop.checkout>[0]) => {
  const reply = await shop.checkout(cart);
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
};

/** A signed `payment_intent.succeeded` for less than the order total: the payments worker must flag it. */
const underpaid = (placed: Checkout) => {
  const amount = placed.order.totals.total.amount - 100;
  const intent = { id: placed.payment.paymentIntentId, object: 'payment_intent', amount, amount_received: amount, currency: 'eur', status: 'succeeded', metadata: { orderId: placed.order.id } };
  return JSON.stringify({ id: `evt_underpaid_${placed.order.id}`, object: 'event', created: Math.floor(Date.now() / 1000), type: 'payment_intent.succeeded', data: { object: intent } });
};

describe('every event the system publishes validates against the event catalog', () => {
  it('a day of the shop: products, stock, orders paid, declined, authenticated, canceled, underpaid and expired', async () => {
    const admin = shop.admin;
    // The back office: a new product (ProductUpdated), its stock set then run low (StockChanged, low).
    const sku = 'E2E-CATALOG-MUG';
    const product = { name: 'Catalog mug', description: 'For the event catalog test.', type: 'physical', price: { amount: 1500, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' };
    expect((await retried(() => shop.api('PUT', `/admin/products/${sku}`, { body: product, headers: admin }))).status).toBe(200);
    expect((await retried(() => shop.api('POST', `/admin/products/${sku}/stock`, { body: { set: 20 }, headers: admin }))).status).toBe(200);
    expect((await retried(() => shop.api('POST', `/admin/products/${sku}/stock`, { body: { set: 4 }, headers: admin }))).status).toBe(200);

    // Paid by card: OrderPlaced, StockChanged (order_placed), PaymentSucceeded, OrderPaid.
    const paid = await place(await shop.openCart({ [sku]: 1 }));
    expect(await shop.confirm(paid.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    // Declined, then canceled at Stripe: PaymentFailed, PaymentCanceled.
    const declined = await place(await shop.openCart({ 'BOOK-CUISINE-FR': 1 }, { email: 'declined@example.com', shippingAddress: { name: 'A B', line1: '1 rue X', postalCode: '75001', city: 'Paris', country: 'FR' } }));
    expect(await shop.confirm(declined.payment.paymentIntentId, 'pm_card_chargeDeclined')).toBe(402);
    await shop.orderUntil(declined, (o) => o.payment.status === 'failed');
    const cancel = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${declined.payment.paymentIntentId}/cancel`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_local_emulator' },
    });
    expect(cancel.status).toBe(200);
    // 3-D Secure: PaymentActionRequired, then paid.
    const secure = await place(await shop.openCart({ 'COURSE-PHOTO': 1 }, { email: 'secure@example.com' }));
    expect(await shop.confirm(secure.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    await shop.orderUntil(secure, (o) => o.payment.status === 'requires_action');
    expect(await shop.confirm(secure.payment.paymentIntentId, 'pm_card_authenticationRequired')).toBe(200);
    // Less money than the total, signed as Stripe signs: PaymentNeedsReview.
    const short = await place(await shop.openCart({ 'GIFT-CARD-50': 1 }, { email: 'short@example.com' }));
    const payload = underpaid(short);
    const webhook = await retried(() => shop.api('POST', '/webhooks/stripe', { raw: payload, headers: { 'stripe-signature': signPayload(payload, stripeSecret) } }));
    expect(webhook.status).toBe(200);
    // Never paid: past its deadline, the order expires (OrderCancelled, StockChanged order_cancelled).
    const unpaid = await place(await shop.openCart({ [sku]: 1 }, { email: 'late@example.com', shippingAddress: { name: 'C D', line1: '2 rue Y', postalCode: '75002', city: 'Paris', country: 'FR' } }));
    await shop.orderUntil(paid, (o) => o.status === 'paid');
    await shop.orderUntil(secure, (o) => o.status === 'paid');
    expect((await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 31 * 60 } })).status).toBe(200);
    await shop.orderUntil(unpaid, (o) => o.status === 'cancelled');

    const expected = ['ProductUpdated', 'StockChanged', 'OrderPlaced', 'PaymentSucceeded', 'OrderPaid', 'PaymentFailed', 'PaymentCanceled', 'PaymentActionRequired', 'PaymentNeedsReview', 'OrderCancelled'];
    const carried = await until(
      async () => (await shop.api<{ items: Carried[] }>('GET', '/dev/events')).body.items,
      (items) => expected.every((type) => items.some((e) => e['detail-type'] === type)) && items.some((e) => e['detail-type'] === 'StockChanged' && e.detail.data.reason === 'order_cancelled'),
      10_000,
    );
    expect([...new Set(carried.map((e) => e['detail-type']))]).toEqual(expect.arrayContaining(expected));

    const validate = validators();
    const invalid = carried.flatMap((event): { type: string; eventId?: string; errors: unknown }[] => {
      const check = validate.get(event['detail-type']);
      if (!check) return [{ type: event['detail-type'], errors: 'no schema in the catalog' }];
      return check(event as unknown) ? [] : [{ type: event['detail-type'], eventId: event.detail.metadata.eventId, errors: check.errors }];
    });
    expect(invalid).toEqual([]);
    expect(carried.length).toBeGreaterThan(30);
  });
});
