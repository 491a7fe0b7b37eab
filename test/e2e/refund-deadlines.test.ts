import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.005 });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

interface Email {
  to: string;
  template: string;
  text: string;
}

const DAY = 24 * 3600;

describe('refunds on time (Code de la consommation L221-24)', () => {
  it('a withdrawal not refunded 14 days after the request: RefundOverdue once, the shop emailed once; a refunded one is not reported, nor one whose order the shop refunded in full', async () => {
    const deliveredOrder = async () => {
      const placed = (await shop.checkout(await shop.openCart({ 'APRON-LINEN': 1 }))).body;
      await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa');
      await shop.orderUntil(placed, (o) => o.status === 'paid');
      const parcel = await shop.api<{ id: string }>('POST', `/admin/orders/${placed.order.id}/shipments`, { body: { carrier: 'gls', trackingNumber: `GLS${Date.now()}` }, headers: shop.admin });
      await shop.api('POST', `/admin/orders/${placed.order.id}/shipments/${parcel.body.id}/delivered`, { headers: shop.admin });
      const asked = await shop.api<{ id: string; refundDueBy: string }>('POST', `/orders/${placed.order.id}/returns`, {
        body: { items: [{ sku: 'APRON-LINEN', quantity: 1, reason: 'withdrawal' }] },
        headers: { 'x-order-token': placed.orderToken },
      });
      expect(asked.status).toBe(201);
      return { placed, returnId: asked.body.id, refundDueBy: asked.body.refundDueBy };
    };
    const late = await deliveredOrder();
    const onTime = await deliveredOrder();
    // The second is approved, received and refunded before its deadline.
    await shop.api('POST', `/admin/returns/${onTime.returnId}/approve`, { headers: shop.admin });
    expect((await shop.api<{ status: string }>('POST', `/admin/returns/${onTime.returnId}/receive`, { body: { items: [{ sku: 'APRON-LINEN', received: 1, damaged: 0 }] }, headers: shop.admin })).body.status).toBe('refunded');
    // The third is approved, then its order refunded in full by the shop before the goods come back: nothing is owed on it.
    const refundedByTheShop = await deliveredOrder();
    await shop.api('POST', `/admin/returns/${refundedByTheShop.returnId}/approve`, { headers: shop.admin });
    const everything = await shop.api('POST', `/admin/orders/${refundedByTheShop.placed.order.id}/refunds`, {
      body: { reason: 'refund everything now' },
      headers: { ...shop.admin, 'idempotency-key': `everything-${refundedByTheShop.returnId}` },
    });
    expect(everything.status).toBe(201);

    expect(new Date(late.refundDueBy).getTime() - Date.now()).toBeGreaterThan(13 * DAY * 1000);
    expect((await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 13 * DAY } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await shop.eventsOfType('RefundOverdue')).toHaveLength(0);

    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 2 * DAY } });
    const reported = await shop.eventsOf('RefundOverdue', late.placed.order.id);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.detail.data).toMatchObject({ return: { id: late.returnId }, refundDueBy: late.refundDueBy });
    const alerts = async () => (await shop.api<{ items: Email[] }>('GET', '/dev/outbox')).body.items.filter((m) => m.template === 'refund-overdue');
    expect(await until(alerts, (found) => found.length > 0, 5000)).toHaveLength(1);

    // The next runs, and a replay of the bus, report nothing more.
    await shop.api('POST', '/dev/clock', { body: { advanceSeconds: 3 * 3600 } });
    await shop.api('POST', '/dev/events/replay');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await shop.eventsOfType('RefundOverdue')).toHaveLength(1);
    expect(await alerts()).toHaveLength(1);
    expect(await shop.eventsOf('RefundOverdue', onTime.placed.order.id, 0)).toHaveLength(0);
    expect(await shop.eventsOf('RefundOverdue', refundedByTheShop.placed.order.id, 0)).toHaveLength(0);
    // Its goods, back at last: restocked, nothing more refunded.
    const received = await shop.api<{ status: string }>('POST', `/admin/returns/${refundedByTheShop.returnId}/receive`, {
      body: { items: [{ sku: 'APRON-LINEN', received: 1, damaged: 0 }] },
      headers: shop.admin,
    });
    expect([received.status, received.body.status]).toEqual([200, 'refunded']);
    const order = await shop.readOrder(refundedByTheShop.placed);
    expect((order.body as unknown as { refunds: unknown[] }).refunds).toHaveLength(1);
  });
});
