import type { ReconciliationDeps } from './ports';
import { recordPaymentSucceeded, showPaymentStatus } from './record-payment';

/** Orders younger than this are left alone: their webhook is probably on its way. */
const GRACE_MINUTES = 5;
const BATCH = 100;

/**
 * Repairs what a lost webhook left behind (run by the scheduler): every order still
 * `pending_payment` after a few minutes is compared with its PaymentIntent at Stripe, and the
 * same use cases the webhook path uses are applied to what Stripe says.
 * Output: how many orders were looked at, and how many were repaired.
 */
export const reconcilePayments = async (
  deps: ReconciliationDeps,
  correlationId: string,
): Promise<{ checked: number; repaired: number }> => {
  const now = deps.clock();
  const pending = await deps.orders.listPendingCreatedBefore(new Date(now.getTime() - GRACE_MINUTES * 60_000), BATCH);
  let repaired = 0;
  for (const order of pending) {
    const intent = await deps.paymentGateway.retrievePaymentIntent(order.payment.paymentIntentId);
    const fact = { orderId: order.id, paymentIntentId: intent.paymentIntentId, amount: { amount: intent.amountReceived, currency: intent.amount.currency } };
    if (intent.status === 'succeeded') {
      if ((await recordPaymentSucceeded(deps, fact, correlationId)) !== 'already_done') repaired++;
    } else if (intent.status === 'requires_action' && order.payment.status !== 'requires_action') {
      if (await showPaymentStatus(deps, fact, 'requires_action')) repaired++;
    } else if (intent.status === 'canceled' && order.payment.status !== 'canceled') {
      if (await showPaymentStatus(deps, fact, 'canceled')) repaired++;
    }
  }
  return { checked: pending.length, repaired };
};
