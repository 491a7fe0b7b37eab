import type Stripe from 'stripe';
import { cardOf } from './cards';
import type { Charges } from './charges';
import { checkEnum, checkKnown, formatAmount, invalidParam, missing, StripeApiError } from './errors';
import { positiveInt, record, str, type FormObject } from './form';
import { newId, newRefund, type Charge, type Refund } from './objects';
import type { PaymentIntents } from './payment-intents';
import type { WebhookSender } from './webhooks';

const createParams = ['amount', 'charge', 'currency', 'customer', 'expand', 'instructions_email', 'metadata', 'origin', 'payment_intent', 'reason', 'refund_application_fee', 'reverse_transfer'];

/**
 * Refunds of succeeded charges, whole or in parts, never more than was captured. As Stripe's test
 * cards do (https://docs.stripe.com/testing#refunds): a refund of `pm_card_visa` succeeds at once;
 * of `pm_card_pendingRefund` starts `pending` and succeeds later; of `pm_card_refundFail` looks
 * `succeeded`, then fails later (`expired_or_canceled_card`) and its amount is given back to the charge.
 */
export class Refunds {
  readonly all = new Map<string, Refund>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; run: () => void }>();

  constructor(
    private readonly intents: PaymentIntents,
    private readonly charges: Charges,
    private readonly webhooks: WebhookSender,
    /** How long the asynchronous outcomes (pending → succeeded, succeeded → failed) take. */
    private readonly settleAfterMs = 200,
  ) {}

  get(refundId: string): Refund {
    const refund = this.all.get(refundId);
    if (!refund) throw missing('refund', refundId);
    return refund;
  }

  create(form: FormObject): Refund {
    checkKnown(form, createParams);
    const amount = positiveInt(form, 'amount');
    const reason = str(form, 'reason');
    checkEnum('reason', reason, ['duplicate', 'fraudulent', 'requested_by_customer']);
    const charge = this.chargeToRefund(form);
    const left = this.charges.refundable(charge);
    if (left === 0) throw new StripeApiError(400, 'invalid_request_error', 'charge_already_refunded', `Charge ${charge.id} has already been refunded.`);
    if (amount !== undefined && amount > left) {
      throw new StripeApiError(400, 'invalid_request_error', 'amount_too_large', `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`, { param: 'amount' });
    }
    const outcome = cardOf(charge.payment_method)?.refunds;
    const refund = newRefund({
      amount: amount ?? left,
      charge,
      status: outcome === 'pending' ? 'pending' : 'succeeded',
      reason: (reason as Stripe.Refund.Reason | undefined) ?? null,
      metadata: record(form, 'metadata'),
    });
    if (outcome === 'pending') refund.pending_reason = 'processing';
    this.all.set(refund.id, refund);
    const previous = this.charges.addRefunded(charge, refund.amount);
    this.webhooks.publish([
      { type: 'refund.created', object: refund },
      { type: 'charge.refunded', object: charge, previous },
    ]);
    if (outcome) this.schedule(refund.id, () => (outcome === 'pending' ? this.succeed(refund) : this.fail(refund, charge)));
    return refund;
  }

  /** Settles now what would have settled later (for tests and `/_emulator/refunds/settle`). */
  settleAll(): number {
    const runs = [...this.timers.values()];
    for (const { timer, run } of runs) {
      clearTimeout(timer);
      run();
    }
    return runs.length;
  }

  /** Resolves once no refund is waiting for its outcome. */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  stop(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The charge named by `payment_intent` (its latest charge) or `charge`, which must have succeeded. */
  private chargeToRefund(form: FormObject): Charge {
    const intentId = str(form, 'payment_intent');
    const chargeId = str(form, 'charge');
    if (intentId && chargeId) throw invalidParam('payment_intent', 'You cannot specify both `charge` and `payment_intent`.');
    if (intentId) {
      const intent = this.intents.get(intentId, 'payment_intent');
      if (intent.status !== 'succeeded' || !intent.latest_charge) {
        throw new StripeApiError(400, 'invalid_request_error', 'charge_not_refundable', `This PaymentIntent (${intentId}) does not have a successful charge to refund.`, { param: 'payment_intent' });
      }
      return this.charges.get(intent.latest_charge);
    }
    if (!chargeId) throw invalidParam('payment_intent', 'One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing');
    const charge = this.charges.get(chargeId, 'charge');
    if (charge.status !== 'succeeded') {
      throw new StripeApiError(400, 'invalid_request_error', 'charge_not_refundable', `Charge ${charge.id} has a status of ${charge.status} and cannot be refunded.`, { param: 'charge' });
    }
    return charge;
  }

  private schedule(refundId: string, run: () => void): void {
    const once = () => {
      this.timers.delete(refundId);
      run();
    };
    this.timers.set(refundId, { timer: setTimeout(once, this.settleAfterMs), run: once });
  }

  private succeed(refund: Refund): void {
    refund.status = 'succeeded';
    delete refund.pending_reason;
    this.webhooks.publish([
      { type: 'refund.updated', object: refund, previous: { status: 'pending', pending_reason: 'processing' } },
      { type: 'charge.refund.updated', object: refund, previous: { status: 'pending', pending_reason: 'processing' } },
    ]);
  }

  private fail(refund: Refund, charge: Charge): void {
    const previous = { status: refund.status, failure_reason: null, failure_balance_transaction: null };
    refund.status = 'failed';
    refund.failure_reason = 'expired_or_canceled_card';
    refund.failure_balance_transaction = newId('txn');
    this.charges.addRefunded(charge, -refund.amount);
    this.webhooks.publish([
      { type: 'refund.failed', object: refund },
      { type: 'refund.updated', object: refund, previous },
      { type: 'charge.refund.updated', object: refund, previous },
    ]);
  }
}
