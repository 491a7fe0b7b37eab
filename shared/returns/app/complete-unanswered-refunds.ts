import { UnavailableError } from '#kernel/errors';
import { unansweredByStripe } from '#ordering/index';
import type { RefundDeps } from './ports';
import { askStripe, RefundRefusedError } from './issue-refund';

/** Refunds looked at per run: a backlog (Stripe down for long) is worked through run after run, oldest first. */
const BATCH = 25;
/** Past the longest a refund's own request may still be asking Stripe (its function's timeout, 30 s), with room. */
const LEFT_ALONE_MS = 2 * 60_000;

/**
 * Asks Stripe again for each refund reserved more than two minutes ago that Stripe never answered
 * (its request got a 503 and was not sent again, or the order was cancelled meanwhile, which
 * counts it as refunded): with the same idempotency key as the first ask, so Stripe makes it at
 * most once, then settles it as the request would have (`RefundIssued` and its credit note, or
 * `RefundFailed`). Stripe still silent: left for the next run. Output: how many Stripe answered.
 *
 * Stripe keeps an idempotency key 24 hours: a refund asked again later, whose first ask Stripe
 * did take but whose answer and webhooks were all lost, could be made twice. The schedule runs
 * every few minutes, so that would take Stripe answering nothing of ours for a day.
 */
export const completeUnansweredRefunds = async (deps: RefundDeps, correlationId: string): Promise<number> => {
  const now = deps.clock();
  let answered = 0;
  for (const { orderId, refundId } of await deps.store.unansweredRefunds(new Date(now.getTime() - LEFT_ALONE_MS), BATCH)) {
    const found = await deps.orders.get(orderId);
    const refund = found?.order.refunds?.find((r) => r.id === refundId);
    // Only a refund still unanswered is asked again: asking for one Stripe made (its key perhaps
    // expired) could make a second. The watch goes with the answer, so this is a guard.
    if (!found || !refund || !unansweredByStripe(refund)) continue;
    try {
      await askStripe(deps, found.order, refund, correlationId);
      answered++;
    } catch (error) {
      // Refused: settled failed by `askStripe` (`RefundFailed`), off the watch. Silent: next run.
      if (error instanceof UnavailableError) break;
      if (!(error instanceof RefundRefusedError)) throw error;
      answered++;
    }
  }
  return answered;
};
