import { ConflictError, withUnavailableDetail, UnprocessableError } from '#kernel/errors';
import type { Order, OrderRefund } from '#ordering/index';
import { changeOrder } from '#ordering/index';
import { reserveRefund, type RefundRequest } from '../domain/refunds';
import type { RefundDeps } from './ports';
import { settleRefund } from './settle-refund';

/**
 * Gives money back through Stripe, never more than what is left, never twice. Input: the order and
 * the refund asked for, whose id is fixed by the caller (derived from the request's
 * Idempotency-Key, a return or a cancellation), so a retry is the same refund.
 * 1. Reserves the amount on the order with a conditional write on what was read, counting pending
 *    refunds: of two concurrent requests for the whole remainder one wins, the other is a 422. A
 *    refund of that id already there is not reserved again.
 * 2. Calls Stripe with the refund's id as idempotency key, the same on every retry: Stripe never
 *    makes two refunds of one.
 * 3. Stripe refuses → the refund failed, its amount is refundable again (`RefundFailed`), 422.
 *    Stripe does not answer → the reservation stays, 503: the same request can be retried.
 * 4. Settles the refund with Stripe's answer (succeeded: `RefundIssued`, credit note; pending: the
 *    webhook settles it later).
 * Output: the refund.
 */
export const issueRefund = async (deps: RefundDeps, input: { orderId: string; request: RefundRequest }, correlationId: string): Promise<OrderRefund> => {
  const { order, refund } = await changeOrder(deps, input.orderId, (current, now) => {
    const existing = current.refunds?.find((r) => r.id === input.request.id);
    if (existing) {
      // The same request again (after a 503, its idempotency record is gone): another reason or
      // amount under its key is another request, refused as the idempotency layer refuses one.
      if (!sameRequest(existing, input.request)) throw anotherRequest();
      return { result: { order: current, refund: existing } };
    }
    const reserved = reserveRefund(current, input.request, now);
    const refunds = [...(current.refunds ?? []), reserved];
    const returns = reserved.returnId ? (current.returns ?? []).map((r) => (r.id === reserved.returnId ? { ...r, refundId: reserved.id } : r)) : undefined;
    return {
      change: { status: current.status, fields: { refunds, ...(returns && { returns }) }, at: now.toISOString(), facts: [] },
      result: { order: current, refund: reserved },
    };
  });
  // Refused by Stripe when first asked (failed with no refund of Stripe's): a retry of the same
  // request is told the same, never a 201 of the failed refund.
  if (refund.status === 'failed' && !refund.stripeRefundId) throw refusedByStripe(refund.failureReason ?? 'refused');
  if (refund.status !== 'pending') return refund;
  return askStripe(deps, order, refund, correlationId);
};

/**
 * Steps 2 to 4 for a refund reserved on its order: asks Stripe, with the refund's id as idempotency
 * key, and settles it with the answer. Also run by `completeUnansweredRefunds` for a refund whose
 * request got no answer from Stripe and was never sent again.
 */
export const askStripe = async (deps: RefundDeps, order: Order, refund: OrderRefund, correlationId: string): Promise<OrderRefund> => {
  let answer: Awaited<ReturnType<RefundDeps['paymentGateway']['createRefund']>>;
  try {
    answer = await deps.paymentGateway.createRefund({
      paymentIntentId: order.payment.paymentIntentId,
      amount: refund.amount,
      reason: 'requested_by_customer',
      idempotencyKey: `refund-${refund.id}`,
      metadata: { orderId: order.id, refundId: refund.id },
    });
  } catch (error) {
    if (error instanceof UnprocessableError || error instanceof ConflictError) {
      await settleRefund(deps, { orderId: order.id, refundId: refund.id, status: 'failed', failureReason: error.message }, correlationId);
      throw refusedByStripe(error.message, error);
    }
    throw withUnavailableDetail(error, 'Stripe did not answer. The refund is reserved: send the same request again (same Idempotency-Key) to complete it.');
  }
  const settled = await settleRefund(
    deps,
    { orderId: order.id, refundId: refund.id, status: answer.status, stripeRefundId: answer.refundId, ...(answer.status === 'failed' && { failureReason: 'refused by the bank' }) },
    correlationId,
  );
  return settled ?? refund;
};

const sameRequest = (refund: OrderRefund, request: RefundRequest) =>
  refund.reason === request.reason && (request.amount === undefined || (refund.amount.amount === request.amount.amount && refund.amount.currency === request.amount.currency));

const anotherRequest = () =>
  new UnprocessableError('This Idempotency-Key was used with another request; use a new key.', [{ path: 'header.idempotency-key', message: 'was used with another request' }]);

/** Stripe refused the refund (a disputed charge, say): it is recorded failed (`RefundFailed`). → 422. */
export class RefundRefusedError extends UnprocessableError {}

const refusedByStripe = (reason: string, cause?: unknown) =>
  new RefundRefusedError(`Stripe refused the refund: ${reason}`, [{ path: 'amount', message: 'was refused by Stripe' }], { cause });
