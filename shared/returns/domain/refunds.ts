import { ConflictError, UnprocessableError } from '#kernel/errors';
import type { Money } from '#kernel/money';
import type { OrderRefund, RefundLine, RefundStatus } from '#ordering/domain/after-sales';
import type { Order, OrderStatus } from '#ordering/domain/order';
import { apportion, holdingMoney, refundable, withinWhatIsLeft } from './refund-amounts';

/**
 * Refunds: reserved on the order before Stripe is called, settled by what Stripe says. A refund
 * moves `pending → succeeded | failed`, and Stripe may still fail a succeeded one later (the bank
 * refused it); `failed` is final. Anything else Stripe reports late changes nothing.
 */
export const refundTransitions: Record<RefundStatus, readonly RefundStatus[]> = {
  pending: ['succeeded', 'failed'],
  succeeded: ['failed'],
  failed: [],
};

/**
 * Everything captured is refunded or being refunded. → 422 naming `amount`. A cancellation or a
 * return that finds the money already given back ends without a refund of its own.
 */
export class NothingLeftToRefundError extends UnprocessableError {}

/** Orders whose money may be given back: paid ones, and paid ones the shop cancelled. */
const refundableStatuses: readonly OrderStatus[] = ['paid', 'partially_shipped', 'shipped', 'delivered', 'partially_refunded', 'refunded', 'cancelled'];

export interface RefundRequest {
  id: string;
  reason: string;
  /** Without an amount and without lines: what is left to refund. */
  amount?: Money;
  /** What a return or a cancellation refunds: units of lines, and perhaps the delivery cost. */
  lines?: RefundLine[];
  shipping?: OrderRefund['shipping'];
  returnId?: string;
}

/**
 * A refund reserved on the order: never above what is left (captured less every pending or
 * succeeded refund), so concurrent requests can never give back more than was paid. A request
 * with lines refunds their amounts, capped at what is left (the lines then credited for less,
 * `withinWhatIsLeft`); with an amount, that amount; with neither, the rest. 422 naming `amount`
 * when there is nothing or not enough left.
 */
export const reserveRefund = (order: Order, request: RefundRequest, now: Date): OrderRefund => {
  if (!refundableStatuses.includes(order.status) || !order.paidAt) {
    throw new ConflictError(`Order ${order.number} is ${order.status}: only a paid order can be refunded.`, [{ path: 'status', message: `is ${order.status}` }]);
  }
  const left = refundable(order);
  if (request.amount && request.amount.currency !== order.currency) {
    throw new UnprocessableError(`Order ${order.number} was paid in ${order.currency}.`, [{ path: 'amount.currency', message: `must be ${order.currency}` }]);
  }
  if (left.amount <= 0) throw new NothingLeftToRefundError(`Order ${order.number}: nothing is left to refund.`, [{ path: 'amount', message: 'nothing is left to refund' }]);
  const fromLines = request.lines && { amount: request.lines.reduce((n, l) => n + l.amount.amount, 0) + (request.shipping?.amount.amount ?? 0), currency: order.currency };
  const amount = request.amount ?? (fromLines ? { ...fromLines, amount: Math.min(fromLines.amount, left.amount) } : left);
  if (amount.amount <= 0) {
    throw new UnprocessableError(`Order ${order.number}: a refund is of at least 1 (and at most ${left.amount}, what is left to refund).`, [{ path: 'amount', message: 'must be more than 0' }]);
  }
  if (amount.amount > left.amount) {
    throw new UnprocessableError(`Order ${order.number}: at most ${left.amount} (what is left to refund) can be refunded.`, [{ path: 'amount', message: `must be at most ${left.amount}` }]);
  }
  const asked = request.lines ? withinWhatIsLeft(order, request.lines, request.shipping, amount) : undefined;
  const lines = asked?.lines ?? apportion(order, amount);
  return {
    id: request.id,
    amount,
    reason: request.reason,
    status: 'pending',
    createdAt: now.toISOString(),
    lines,
    ...(asked?.shipping && asked.shipping.amount.amount > 0 && { shipping: asked.shipping }),
    ...(request.returnId && { returnId: request.returnId }),
  };
};

/** Where the goods are, whatever was refunded: what the order's status says once no refund holds. */
const fulfillmentStatus = (order: Order): OrderStatus => {
  if (order.deliveredAt) return 'delivered';
  const shipments = order.shipments ?? [];
  if (shipments.length === 0) return 'paid';
  const shipped = shipments.flatMap((s) => s.items).reduce((n, i) => n + i.quantity, 0);
  const cancelled = (order.cancelledUnits ?? []).reduce((n, u) => n + u.quantity, 0);
  const physical = order.items.filter((l) => l.type === 'physical').reduce((n, l) => n + l.quantity, 0);
  return shipped + cancelled >= physical ? 'shipped' : 'partially_shipped';
};

/**
 * The order's status once its refunds settled: refunded in full, in part, or (when the bank failed
 * the only refund) back to where its goods are. A cancelled order stays cancelled.
 */
export const statusAfterRefunds = (order: Order, refunds: readonly OrderRefund[]): OrderStatus => {
  if (order.status === 'cancelled') return 'cancelled';
  const given = refunds.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount.amount, 0);
  if (given === 0) return order.status === 'refunded' || order.status === 'partially_refunded' ? fulfillmentStatus(order) : order.status;
  return given >= order.totals.total.amount ? 'refunded' : 'partially_refunded';
};

/** Whether Stripe's news moves the refund; a late or repeated one does not. */
export const settles = (refund: OrderRefund, outcome: RefundStatus): boolean => refundTransitions[refund.status].includes(outcome);

/** Money still held by refunds (pending or succeeded), for the order's view. */
export const refundedOrPending = (order: Pick<Order, 'refunds' | 'currency'>): Money => ({
  amount: holdingMoney(order.refunds).reduce((n, r) => n + r.amount.amount, 0),
  currency: order.currency,
});
