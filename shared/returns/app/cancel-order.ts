import { ConflictError, NotFoundError, withUnavailableDetail, UnprocessableError } from '#kernel/errors';
import { unitsToShip } from '#fulfillment/index';
import type { Order, OrderRepository } from '#ordering/index';
import { cancelledUnpaid, changeOrder, orderCancelled, orderView } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { cancelPaidOrder, refundOfCancellation } from '../domain/cancellation';
import { NothingLeftToRefundError } from '../domain/refunds';
import { issueRefund, RefundRefusedError } from './issue-refund';
import type { RefundDeps } from './ports';

export type CancelDeps = RefundDeps & { orders: Pick<OrderRepository, 'get' | 'cancelUnpaid'> };

/** The one refund a cancellation makes: its id is the order's, so a retried cancel is the same refund. */
const cancellationRefundId = (orderId: string) => `rf-cancel-${orderId}`;

/**
 * Cancels an order (admin).
 * - Unpaid: its PaymentIntent is cancelled at Stripe first; if Stripe fails, nothing changes and the
 *   call can be retried (503). Then the order is cancelled, its payment shown canceled, and its stock
 *   released (`OrderCancelled`).
 * - Paid, nothing shipped: the order is void: cancelled (its downloads close), every unit not
 *   shipped restocked (`OrderCancelled`), then every line refunded, digital ones too, with the
 *   delivery, or what is left of them after earlier refunds (none left: no refund).
 * - Partly shipped: what was not supplied is cancelled: the physical units not shipped, restocked
 *   (`OrderCancelled`, listing them) and refunded (as much as is left); digital content was
 *   supplied at payment and stays, with its money; the order is shipped (or delivered), a refund
 *   status staying. The delivery is refunded too if the customer then keeps nothing (everything
 *   shipped came back as a withdrawal).
 * - Nothing left to supply (fully shipped or delivered): 409 naming `status` (that is a return's business).
 * The domain decides each (`cancelPaidOrder`, `refundOfCancellation`). Each cancellation writes its
 * `OrderCancelled` with the order's change (outbox), from which the inventory worker reports the
 * stock it gave back (`StockChanged`). A cancel sent again finishes what the first started (the
 * refund), and changes nothing else.
 * Output: the order as its customer sees it.
 */
export const cancelOrder = async (deps: CancelDeps, orderId: string, correlationId: string) => {
  const found = await deps.orders.get(orderId);
  if (!found) throw new NotFoundError(`There is no order ${orderId}.`);
  if (found.order.status === 'pending_payment') return orderView(await cancelUnpaid(deps, found.order, correlationId));

  const cancelled = await changeOrder(deps, orderId, (order, now) => {
    if (order.status === 'cancelled' || order.cancelledUnits) return { result: order };
    const after = cancelPaidOrder(order, unitsToShip(order), now);
    const { status, cancelledUnits = [], cancelledAt, cancellationReason, deliveredAt } = after;
    const facts = factsOf([orderCancelled(after, 'cancelled_by_shop')], { ids: deps.ids, correlationId, now });
    return {
      change: { status, fields: { cancelledUnits, cancelledAt, cancellationReason, ...(deliveredAt && { deliveredAt }) }, at: after.updatedAt, facts, restock: cancelledUnits },
      result: after,
    };
  });

  // The cancellation's refund: still pending (Stripe did not answer a first cancel), it is
  // finished now, under its own id; else what the cancellation leaves to give back, if anything.
  const id = cancellationRefundId(orderId);
  const pending = cancelled.refunds?.find((r) => r.id === id && r.status === 'pending');
  const refund = pending ? { id, reason: pending.reason } : refundOfCancellation(cancelled, id);
  if (refund) {
    await issueRefund(deps, { orderId, request: refund }, correlationId).catch((error: unknown) => {
      // Refunded in full before: the cancellation stands, with nothing more to give back.
      if (error instanceof NothingLeftToRefundError) return undefined;
      // Refused by Stripe: the cancellation stands, its refund failed (on the order, `RefundFailed`
      // and the shop's email); the money is given back by a refund of the shop's.
      if (error instanceof RefundRefusedError) return undefined;
      throw withUnavailableDetail(error, `Stripe did not answer: order ${cancelled.number} is cancelled and its refund reserved. Send the cancel again to complete the refund.`);
    });
  }
  const now = await deps.orders.get(orderId);
  return orderView(now?.order ?? cancelled);
};

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
  const after = cancelledUnpaid(order, 'cancelled_by_shop', now);
  const facts = factsOf([orderCancelled(after, 'cancelled_by_shop')], { ids: deps.ids, correlationId, now });
  if (!(await deps.orders.cancelUnpaid(order, 'cancelled_by_shop', now, facts))) {
    throw new ConflictError(`Order ${order.number} changed while it was being cancelled (paid?): read it and try again.`);
  }
  return after;
};
