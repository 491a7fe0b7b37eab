import { ConflictError, NotFoundError, withUnavailableDetail, UnprocessableError } from '#kernel/errors';
import { eventOf } from '#kernel/events';
import { unitsToShip } from '#fulfillment/index';
import { OrderCancelled } from '#ordering/contracts/events';
import type { Order, OrderRepository, OrderUnits, RefundLine } from '#ordering/index';
import { canTransition, changeOrder, orderSnapshot, orderView } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { refundLineFor, shippingRefundFor } from '../domain/refund-amounts';
import { NothingLeftToRefundError } from '../domain/refunds';
import { issueRefund } from './issue-refund';
import type { RefundDeps } from './ports';

export type CancelDeps = RefundDeps & { orders: Pick<OrderRepository, 'get' | 'cancelUnpaid'> };

/** The one refund a cancellation makes: its id is the order's, so a retried cancel is the same refund. */
const cancellationRefundId = (orderId: string) => `rf-cancel-${orderId}`;

const shipped = (order: Order) => (order.shipments ?? []).length > 0;

/**
 * Cancels an order (admin).
 * - Unpaid: its PaymentIntent is cancelled at Stripe first; if Stripe fails, nothing changes and the
 *   call can be retried (503). Then the order is cancelled and its stock released (`OrderCancelled`).
 * - Paid, nothing shipped: cancelled, every unit restocked (`OrderCancelled`), then refunded in full,
 *   delivery included, or what is left of it after earlier refunds (none left: no refund).
 * - Partly shipped: what is not shipped is cancelled, restocked and refunded (as much as is left);
 *   the rest stays, and so does the order's status.
 * - Fully shipped or delivered: 409 naming `status` (that is a return's business).
 * A cancel sent again finishes what the first started (the refund), and changes nothing else.
 * Output: the order as its customer sees it.
 */
export const cancelOrder = async (deps: CancelDeps, orderId: string, correlationId: string) => {
  const found = await deps.orders.get(orderId);
  if (!found) throw new NotFoundError(`There is no order ${orderId}.`);
  if (found.order.status === 'pending_payment') return orderView(await cancelUnpaid(deps, found.order, correlationId));

  const cancelled = await changeOrder(deps, orderId, (order, now) => {
    if (order.status === 'cancelled' || order.cancelledUnits) return { result: order };
    const units = unitsToShip(order);
    const whole = !shipped(order);
    // A whole order moves to cancelled as the state machine allows (a refund ships nothing, so a
    // refunded order may still be cancelled); a partly shipped one keeps its status.
    if (units.length === 0 || (whole && !canTransition(order.status, 'cancelled'))) {
      throw new ConflictError(`Order ${order.number} is ${order.status}: nothing is left to cancel; a return handles shipped goods.`, [{ path: 'status', message: `is ${order.status}` }]);
    }
    const at = now.toISOString();
    const after: Order = { ...order, status: whole ? 'cancelled' : order.status, cancelledUnits: units, cancelledAt: at, cancellationReason: 'cancelled_by_shop', updatedAt: at };
    const facts = whole ? factsOf([eventOf(OrderCancelled, { order: orderSnapshot(after), reason: 'cancelled_by_shop' })], { ids: deps.ids, correlationId, now }) : [];
    return {
      change: { status: after.status, fields: { cancelledUnits: units, cancelledAt: at, cancellationReason: 'cancelled_by_shop' }, at, facts, restock: units },
      result: after,
    };
  });

  const lines = refundLinesFor(cancelled, cancelled.cancelledUnits ?? []);
  const shipping = !shipped(cancelled) ? shippingRefundFor(cancelled) : undefined;
  await issueRefund(
    deps,
    { orderId, request: { id: cancellationRefundId(orderId), reason: 'order cancelled by the shop', lines, ...(shipping && shipping.amount.amount > 0 && { shipping }) } },
    correlationId,
  ).catch((error: unknown) => {
    // Refunded in full before: the cancellation stands, with nothing more to give back.
    if (error instanceof NothingLeftToRefundError) return undefined;
    throw error;
  });
  const now = await deps.orders.get(orderId);
  return orderView(now?.order ?? cancelled);
};

/** Refund lines for units of physical products not shipped: their share of what was paid. */
const refundLinesFor = (order: Order, units: readonly OrderUnits[]): RefundLine[] => units.map((unit) => refundLineFor(order, unit.sku, unit.quantity));

const cancelUnpaid = async (deps: CancelDeps, order: Order, correlationId: string): Promise<Order> => {
  try {
    await deps.paymentGateway.cancelPaymentIntent(order.payment.paymentIntentId, `cancel-order-${order.id}`);
  } catch (error) {
    if (error instanceof UnprocessableError || error instanceof ConflictError) {
      throw new ConflictError(`Stripe would not cancel the payment of order ${order.number} (it may have just been paid): read the order and try again.`, [], { cause: error });
    }
    throw withUnavailableDetail(error, 'Stripe did not answer: the order is not cancelled. Try again.');
  }
  const now = deps.clock();
  const at = now.toISOString();
  const after: Order = { ...order, status: 'cancelled', cancelledAt: at, cancellationReason: 'cancelled_by_shop', updatedAt: at };
  const facts = factsOf([eventOf(OrderCancelled, { order: orderSnapshot(after), reason: 'cancelled_by_shop' })], { ids: deps.ids, correlationId, now });
  if (!(await deps.orders.cancelUnpaid(order, 'cancelled_by_shop', now, facts))) {
    throw new ConflictError(`Order ${order.number} changed while it was being cancelled (paid?): read it and try again.`);
  }
  return after;
};
