import type * as z from 'zod';
import type { Locale } from '#kernel/customer';
import type { Order } from '#ordering/domain/order';
import { orderSnapshot } from '#ordering/index';
import { RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from '#returns/contracts/events';
import { aPaidOrder, aShipment } from './fixtures';

/** After-sales facts as the notifications receive them, each parsed by its contract. */

type ReturnData = z.infer<typeof ReturnApproved.schema>;
type ReturnSnapshot = ReturnData['return'];
type RefundSnapshot = z.infer<typeof RefundIssued.schema>['refund'];

/** Two mugs delivered on 27 November 2026, to Camille, in her language. */
export const aDeliveredOrder = (id: string, locale: Locale = 'fr', overrides: Partial<Order> = {}): Order => {
  const shipment = aShipment({ deliveredAt: '2026-11-27T14:30:00.000Z' });
  return aPaidOrder(id, locale, { status: 'delivered', shipments: [shipment], deliveredAt: shipment.deliveredAt, ...overrides });
};

/** One mug sent back on withdrawal, noticed on 1 December, refund owed by 15 December. */
export const aReturn = (overrides: Partial<ReturnSnapshot> = {}): ReturnSnapshot => ({
  id: 'ret-7Q2M',
  status: 'approved',
  items: [{ sku: 'PAID-1', quantity: 1, reason: 'withdrawal' }],
  createdAt: '2026-12-01T09:00:00.000Z',
  refundDueBy: '2026-12-15T09:00:00.000Z',
  ...overrides,
});

const returnFact = (contract: { schema: typeof ReturnApproved.schema }, order: Order, ret: ReturnSnapshot): ReturnData => contract.schema.parse({ order: orderSnapshot(order), return: ret });

export const returnRequested = (order: Order, ret = aReturn({ status: 'requested' })) => returnFact(ReturnRequested, order, ret);
export const returnApproved = (order: Order, ret = aReturn()) => returnFact(ReturnApproved, order, ret);
export const returnRejected = (order: Order, ret = aReturn({ status: 'rejected', rejectionReason: 'Le produit a été utilisé.' })) => returnFact(ReturnRejected, order, ret);
export const returnReceived = (order: Order, ret = aReturn({ status: 'received', received: [{ sku: 'PAID-1', received: 1, damaged: 0 }] })) => returnFact(ReturnReceived, order, ret);

/** The order once a part of it was refunded. */
export const aPartlyRefundedOrder = (id: string, locale: Locale = 'fr', overrides: Partial<Order> = {}): Order => aDeliveredOrder(id, locale, { status: 'partially_refunded', ...overrides });

/** A refund of one mug (12,00 €) that issued credit note A2026-000007. */
export const aRefund = (overrides: Partial<RefundSnapshot> = {}): RefundSnapshot => ({
  id: 'ref-9K3P',
  amount: { amount: 1200, currency: 'EUR' },
  reason: 'return ret-7Q2M',
  status: 'succeeded',
  createdAt: '2026-12-03T10:00:00.000Z',
  returnId: 'ret-7Q2M',
  stripeRefundId: 're_123',
  creditNoteNumber: 'A2026-000007',
  ...overrides,
});

export const refundIssued = (order: Order, refund = aRefund()): z.infer<typeof RefundIssued.schema> =>
  RefundIssued.schema.parse({ order: orderSnapshot(order), refund });

export const refundFailed = (order: Order, refund = aRefund({ status: 'failed', failureReason: 'expired_or_canceled_card', creditNoteNumber: undefined })): z.infer<typeof RefundFailed.schema> =>
  RefundFailed.schema.parse({ order: orderSnapshot(order), refund });

export const refundOverdue = (order: Order, ret = aReturn()): z.infer<typeof RefundOverdue.schema> =>
  RefundOverdue.schema.parse({ order: orderSnapshot(order), return: ret, refundDueBy: ret.refundDueBy });
