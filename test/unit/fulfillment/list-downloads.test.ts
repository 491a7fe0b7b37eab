import { describe, expect, it } from 'vitest';
import { ConflictError } from '#kernel/errors';
import { listDownloads } from '#fulfillment/app/list-downloads';
import type { Order } from '#ordering/domain/order';
import { aDeliveredOrder } from '../returns/returns-fixtures';

/** The downloads of an order of 2 mugs and an e-book, as its token holder lists them. */
const downloadsOf = (order: Order) =>
  listDownloads(
    {
      orders: { get: async () => ({ order }) },
      orderTokens: { matches: async () => true },
      links: { sign: async ({ sku }, expiresAt) => `https://downloads.example/${sku}?expires=${expiresAt.getTime()}` },
      clock: () => new Date('2026-12-03T10:00:00.000Z'),
    },
    { orderId: order.id, token: 'its-token', customerId: undefined },
  );
const refusal = (order: Order) => downloadsOf(order).then(() => undefined, (error: unknown) => error as ConflictError);

describe('listing the downloads of an order', () => {
  it('paid: a link for its e-book', async () => {
    expect((await downloadsOf(aDeliveredOrder('order-000201'))).items.map((l) => l.sku)).toEqual(['EBOOK-1']);
  });

  it('not paid yet: 409 saying they open once it is paid', async () => {
    const refused = await refusal(aDeliveredOrder('order-000202', { status: 'pending_payment', paidAt: undefined }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused?.message).toBe('Order 2026-000202 is not paid yet: its downloads open once it is paid.');
    expect(refused?.errors).toEqual([{ path: 'status', message: 'is pending_payment' }]);
  });

  it('paid, then cancelled by the shop: 409 saying it was cancelled and refunded, its downloads closed, not that it waits for a payment', async () => {
    const refused = await refusal(aDeliveredOrder('order-000203', { status: 'cancelled', cancelledAt: '2026-12-02T10:00:00.000Z' }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused?.message).toBe('Order 2026-000203 was cancelled and refunded: its downloads are closed.');
    expect(refused?.errors).toEqual([{ path: 'status', message: 'is cancelled' }]);
  });

  it('cancelled before it was paid: 409 saying it has no downloads', async () => {
    const refused = await refusal(aDeliveredOrder('order-000204', { status: 'cancelled', paidAt: undefined }));
    expect(refused?.message).toBe('Order 2026-000204 was cancelled before it was paid: it has no downloads.');
  });

  it('refunded in full: 409 saying its downloads are closed', async () => {
    const refused = await refusal(aDeliveredOrder('order-000205', { status: 'refunded' }));
    expect(refused?.message).toBe('Order 2026-000205 is refunded: its downloads are closed.');
  });
});
