import { randomBytes } from 'node:crypto';
import { missing, StripeApiError } from './errors';
import { record, str, type FormObject } from './form';
import type { PaymentIntents } from './payment-intents';
import type { WebhookSender } from './webhooks';

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

/** Refunds of succeeded PaymentIntents; the amount defaults to what is left to refund. */
export class Refunds {
  readonly all = new Map<string, Refund>();

  constructor(
    private readonly intents: PaymentIntents,
    private readonly webhooks: WebhookSender,
  ) {}

  get(refundId: string): Refund {
    const refund = this.all.get(refundId);
    if (!refund) throw missing('refund', refundId);
    return refund;
  }

  create(form: FormObject): Refund {
    const intentId = str(form, 'payment_intent');
    if (!intentId) throw new StripeApiError(400, 'invalid_request_error', 'parameter_missing', 'Missing required param: payment_intent.', { param: 'payment_intent' });
    const intent = this.intents.get(intentId);
    if (intent.status !== 'succeeded') {
      throw new StripeApiError(400, 'invalid_request_error', 'charge_not_refundable', `This PaymentIntent (${intentId}) does not have a successful charge to refund.`);
    }
    const left = intent.amount_received - intent.amount_refunded;
    if (left === 0) {
      throw new StripeApiError(400, 'invalid_request_error', 'charge_already_refunded', `Charge ${intent.latest_charge} has already been refunded.`);
    }
    const amount = str(form, 'amount') === undefined ? left : Number(str(form, 'amount'));
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      throw new StripeApiError(400, 'invalid_request_error', 'amount_too_large', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { param: 'amount' });
    }
    intent.amount_refunded += amount;
    const refund: Refund = {
      id: `re_${randomBytes(12).toString('hex')}`,
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.latest_charge,
      status: 'succeeded',
      reason: str(form, 'reason') ?? null,
      metadata: record(form, 'metadata'),
      created: Math.floor(Date.now() / 1000),
    };
    this.all.set(refund.id, refund);
    this.webhooks.emit('refund.created', refund);
    this.webhooks.emit('charge.refunded', { id: intent.latest_charge, object: 'charge', amount: intent.amount_received, amount_refunded: intent.amount_refunded, payment_intent: intent.id, refunded: intent.amount_refunded === intent.amount_received });
    return refund;
  }
}
