import { NotFoundError } from '#kernel/errors';
import type { Order, OrderReturn, ReceivedLine } from '#ordering/index';
import { ReturnReceived } from '../contracts/events';
import { refundLineFor, shippingRefundFor } from '../domain/refund-amounts';
import type { RefundRequest } from '../domain/refunds';
import { checkReceived, findReturn, isFullWithdrawal, moveReturn } from '../domain/returns';
import { changeReturn, returnChange, returnView } from './change-return';
import { issueRefund } from './issue-refund';
import type { RefundDeps } from './ports';

/**
 * The refund a received return asks for: the received units of each line at their share of what
 * was paid (damaged ones too: the customer sent them back), and the delivery cost on a full
 * withdrawal once all its goods came back (the shop may wait for them, Directive 2011/83/EU
 * art. 13(3)). Its id derives from the return's, so a retried receive is the same refund; after a
 * refund Stripe refused, the next attempt is a new refund (`rf-<returnId>-2`...), since a failed
 * refund stays failed.
 */
export const refundOfReturn = (order: Order, ret: OrderReturn): RefundRequest => {
  const attempts = (order.refunds ?? []).filter((r) => r.returnId === ret.id);
  const live = attempts.find((r) => r.status !== 'failed');
  const id = live?.id ?? (attempts.length === 0 ? `rf-${ret.id}` : `rf-${ret.id}-${attempts.length + 1}`);
  const lines = (ret.received ?? []).filter((l) => l.received > 0).map((l) => refundLineFor(order, l.sku, l.received));
  const allBack = ret.items.every((i) => (ret.received ?? []).filter((l) => l.sku === i.sku).reduce((n, l) => n + l.received, 0) >= i.quantity);
  const shipping = allBack && isFullWithdrawal(order, ret) ? shippingRefundFor(order) : undefined;
  return { id, reason: `Return ${ret.id}`, lines, ...(shipping && shipping.amount.amount > 0 && { shipping }), returnId: ret.id };
};

/** Units that can be sold again: what came back, less the damaged ones. */
const undamaged = (received: readonly ReceivedLine[]) => received.filter((l) => l.received > l.damaged).map((l) => ({ sku: l.sku, quantity: l.received - l.damaged }));

/**
 * Records what came back of a return and refunds it (admin). Input: the return's id and, per
 * product, the units received and, of those, the damaged ones.
 * 1. Finds the return's order from its lookup (unknown return → 404) and reads it.
 * 2. Approved: the domain checks the lines (422 naming the field) and moves it to `received`
 *    (409 naming `status` from `requested` or `rejected`). Already received (a retry after Stripe
 *    failed or did not answer): what was recorded stands, nothing is written again. Refunded:
 *    answered as it is.
 * 3. One transaction, only if the order is still as read: the return received, the undamaged units
 *    back in stock and `ReturnReceived` (the inventory worker reports the stock it moved).
 * 4. Refunds it with `issueRefund` (reserved on the order, Stripe called with the refund's id as
 *    idempotency key, settled: the return `refunded`, a credit note). Stripe refusing → 422,
 *    not answering → 503: the return stays `received` and the same call completes it later.
 * Output: the return as it stands after the refund (`received` while Stripe's refund is pending).
 */
export const receiveReturn = async (deps: RefundDeps, input: { returnId: string; items: readonly ReceivedLine[] }, correlationId: string) => {
  const { order, ret } = await changeReturn(deps, input.returnId, (current, found, now) => {
    if (found.status === 'received' || found.status === 'refunded') return { result: { order: current, ret: found } };
    const at = now.toISOString();
    const moving = moveReturn(found, 'received', { receivedAt: at });
    const received = { ...moving, received: checkReceived(found, input.items) };
    const restock = undamaged(received.received);
    const { change, after } = returnChange(deps, current, received, { now, correlationId, fact: ReturnReceived, extra: { restock } });
    return { change, result: { order: after, ret: received } };
  });
  if (ret.status === 'refunded') return returnView(order, ret);
  await issueRefund(deps, { orderId: order.id, request: refundOfReturn(order, ret) }, correlationId);
  const found = await deps.orders.get(order.id);
  if (!found) throw new NotFoundError(`There is no order ${order.id}.`);
  return returnView(found.order, findReturn(found.order, ret.id));
};
