import { ConflictError } from '#kernel/errors';
import type { Money } from '#kernel/money';
import { eventOf } from '#kernel/events';
import { changeOrder, orderNamed, type OrderRefund } from '#ordering/index';
import { PaymentNeedsReview } from '#payments/contracts/events';
import { factsOf } from '#runtime/outbox';
import { decideExternalRefund, externalRefundStatus, type ExternalRefundDecision } from '../domain/external-refunds';
import type { AfterSalesChange, ExternalRefundDeps } from './ports';
import { settleRefund } from './settle-refund';

export type ExternalRefundOutcome =
  /** Its PaymentIntent names no order of ours, or an order it did not pay: not our books. */
  | { outcome: 'not_ours'; orderId?: string }
  /** Never recorded and nothing to record: failed or canceled before we heard of it, or an order that took no money. */
  | { outcome: 'ignored'; orderId: string }
  /** The refund as it now stands on the order; `beyondWhatIsLeft` when recording it flagged the order for review. */
  | { outcome: 'settled'; orderId: string; refund: OrderRefund; beyondWhatIsLeft?: { left: Money; refunded: Money } };

/**
 * Records a refund made in Stripe itself (its dashboard), outside the API, on the order it
 * refunds, then settles it like any other. Input: Stripe's refund id, from any report of it.
 * Every report (created, updated, failed), in any order, any number of times, concurrently, ends
 * in the same one refund and one credit note.
 * 1. Reads the refund from Stripe, with its PaymentIntent: its status now (a stale report, a
 *    `succeeded` delivered after the `failed` that followed it, says nothing), and the order the
 *    PaymentIntent's metadata names (the refund carries no metadata of ours). Read here, not in
 *    the webhook, so that the webhook only verifies and publishes. A PaymentIntent that names no
 *    order of ours, or an order it did not pay, is not our books: nothing changes.
 * 2. Records it once, pending, under an id derived from Stripe's (`rf-stripe-<re_…>`), with a
 *    write conditional on the order as read: of two concurrent reports one records it, the other
 *    finds it recorded. Beyond what the books said was left, it is recorded all the same (Stripe
 *    gave the money back) and the order is flagged for review (`PaymentNeedsReview`).
 * 3. Settles it from Stripe's status (`settleRefund`: order refunded or partially refunded,
 *    `RefundIssued`, a credit note in the gap-free series; failed: its amount refundable again).
 * A refund of a payment not recorded yet on its order fails (`ConflictError`): retried later.
 */
export const recordExternalRefund = async (deps: ExternalRefundDeps, stripeRefundId: string, correlationId: string): Promise<ExternalRefundOutcome> => {
  const stripeRefund = await deps.paymentGateway.retrieveRefund(stripeRefundId);
  const orderId = stripeRefund.orderId;
  const found = orderId ? await deps.orders.get(orderId) : undefined;
  if (!orderId || !found || found.order.payment.paymentIntentId !== stripeRefund.paymentIntentId) return { outcome: 'not_ours', ...(orderId && { orderId }) };
  const paymentIntentId = found.order.payment.paymentIntentId;
  const status = externalRefundStatus(stripeRefund.status);
  const reported = { stripeRefundId, amount: stripeRefund.amount, status };
  const recorded = await changeOrder<Exclude<ExternalRefundDecision, { decision: 'wait' }>, AfterSalesChange>(deps, orderId, (order, now) => {
    const decided = decideExternalRefund(order, reported, now);
    if (decided.decision === 'wait') throw new ConflictError(`Order ${order.number} is not paid in our books yet: Stripe's refund ${stripeRefundId} is recorded once it is.`);
    if (decided.decision !== 'record') return { result: decided };
    const at = now.toISOString();
    const review = { reason: 'refund_beyond_what_is_left' as const, paymentIntentId, received: stripeRefund.amount };
    const facts = decided.beyond ? factsOf([eventOf(PaymentNeedsReview, { orderId, ...orderNamed(order), expected: decided.left, ...review })], { ids: deps.ids, correlationId, now }) : [];
    const fields = { refunds: [...(order.refunds ?? []), decided.refund], ...(decided.beyond && !order.review && { review: { ...review, at } }) };
    return { change: { status: order.status, fields, at, facts }, result: decided };
  });
  if (recorded.decision === 'ignored') return { outcome: 'ignored', orderId };
  const failureReason = status === 'failed' ? (stripeRefund.failureReason ?? stripeRefund.status) : undefined;
  const settled = await settleRefund(deps, { orderId, refundId: recorded.refund.id, status, stripeRefundId, ...(failureReason && { failureReason }) }, correlationId);
  const beyond = recorded.decision === 'record' && recorded.beyond ? { beyondWhatIsLeft: { left: recorded.left, refunded: stripeRefund.amount } } : {};
  return { outcome: 'settled', orderId, refund: settled ?? recorded.refund, ...beyond };
};
