import { NotFoundError } from '#kernel/errors';
import type { Order, OrderReturn, ReceivedLine } from '#ordering/index';
import { ReturnReceived } from '../contracts/events';
import { refundLineFor, shippingRefundFor } from '../domain/refund-amounts';
import { NothingLeftToRefundError, type RefundRequest } from '../domain/refunds';
import { endedWithoutRefund, findReturn, everythingGivenBack, receiveGoods } from '../domain/returns';
import { changeReturn, returnChange, returnView } from './change-return';
import { issueRefund } from './issue-refund';
import type { RefundDeps } from './ports';

/**
 * The refund a received return asks for: the received units of each line at their share of what
 * was paid (damaged ones too: the customer sent them back), and the delivery cost once every unit
 * came back (as a withdrawal or not conforming) or was cancelled (`everythingGivenBack`: the shop
 * may wait for the goods, Directive 2011/83/EU art. 13(3)). Its id derives from the return's, so a retried
 * receive is the same refund; after a refund Stripe refused, the next attempt is a new refund
 * (`rf-<returnId>-2`...), since a failed refund stays failed.
 */
export const refundOfReturn = (order: Order, ret: OrderReturn): RefundRequest => {
  const attempts = (order.refunds ?? []).filter((r) => r.returnId === ret.id);
  const live = attempts.find((r) => r.status !== 'failed');
  const id = live?.id ?? (attempts.length === 0 ? `rf-${ret.id}` : `rf-${ret.id}-${attempts.length + 1}`);
  const lines = (ret.received ?? []).filter((l) => l.received > 0).map((l) => refundLineFor(order, l.sku, l.received));
  const shipping = everythingGivenBack(order, ret) ? shippingRefundFor(order) : undefined;
  return { id, reason: `Return ${ret.id}`, lines, ...(shipping && shipping.amount.amount > 0 && { shipping }), returnId: ret.id };
};

/** Units that can be sold again: what came back, less the damaged ones. */
const undamaged = (received: readonly ReceivedLine[]) => received.filter((l) => l.received > l.damaged).map((l) => ({ sku: l.sku, quantity: l.received - l.damaged }));

/**
 * Step 3 of `receiveReturn`, the decision and its one write. A return received before (with the
 * same lines: other lines are a 409) changes only if nothing is owed on it now (refunded in full
 * since), and publishes nothing again.
 */
const recordReceipt = (deps: RefundDeps, input: { returnId: string; items: readonly ReceivedLine[] }, correlationId: string) =>
  changeReturn(deps, input.returnId, (current, found, now) => {
    const received = receiveGoods(found, input.items, now);
    if (received.status === 'refunded') return { result: { order: current, ret: found } };
    const arriving = received !== found;
    const ended = endedWithoutRefund(current, received);
    if (!arriving && !ended) return { result: { order: current, ret: found } };
    const ret = ended ?? received;
    const { change, after } = returnChange(deps, current, ret, {
      now,
      correlationId,
      ...(arriving && { fact: ReturnReceived }),
      extra: { ...(arriving && { restock: undamaged(received.received ?? []) }), ...(ended && { settledReturns: [ret.id] }) },
    });
    return { change, result: { order: after, ret } };
  });

/**
 * Records what came back of a return and refunds it (admin). Input: the return's id and, per
 * product, the units received and, of those, the damaged ones.
 * 1. Finds the return's order from its lookup (unknown return → 404) and reads it.
 * 2. Approved: the domain checks the lines (422 naming the field) and moves it to `received`
 *    (409 naming `status` from `requested` or `rejected`). Already received or refunded with the
 *    same lines (a retry, after Stripe failed or did not answer): what was recorded stands, and is
 *    not written or published again; refunded, it is answered as it is. With other lines: 409
 *    naming `items` and saying what was received, nothing changed.
 * 3. One transaction, only if the order is still as read: the return received, the undamaged units
 *    back in stock and `ReturnReceived` (the inventory worker reports the stock it moved). Nothing
 *    left to refund (the shop refunded the order in full before the goods came back): receiving is
 *    still a fact, but the return ends there, `refunded` with no refund of its own, off the
 *    refund-deadline watch. A return received before that is owed nothing now ends the same way.
 * 4. Refunds it with `issueRefund` (reserved on the order, Stripe called with the refund's id as
 *    idempotency key, settled: the return `refunded`, a credit note). Stripe refusing → 422,
 *    not answering → 503: the return stays `received` and the same call completes it later.
 *    Refunded in full between steps 3 and 4: step 3 again ends the return.
 * Output: the return as it stands after the refund (`received` while Stripe's refund is pending).
 */
export const receiveReturn = async (deps: RefundDeps, input: { returnId: string; items: readonly ReceivedLine[] }, correlationId: string) => {
  const { order, ret } = await recordReceipt(deps, input, correlationId);
  if (ret.status === 'refunded') return returnView(order, ret);
  try {
    await issueRefund(deps, { orderId: order.id, request: refundOfReturn(order, ret) }, correlationId);
  } catch (error) {
    // The shop refunded the order in full since step 3 read it: decided again, the receipt ends the return.
    if (!(error instanceof NothingLeftToRefundError)) throw error;
    const ended = await recordReceipt(deps, input, correlationId);
    return returnView(ended.order, ended.ret);
  }
  const found = await deps.orders.get(order.id);
  if (!found) throw new NotFoundError(`There is no order ${order.id}.`);
  return returnView(found.order, findReturn(found.order, ret.id));
};
