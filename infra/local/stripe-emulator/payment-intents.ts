import { randomBytes } from 'node:crypto';
import { missing, StripeApiError, unexpectedState } from './errors';
import { record, str, type FormObject } from './form';
import type { WebhookSender } from './webhooks';

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  amount_refunded: number;
  currency: string;
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  receipt_email: string | null;
  payment_method: string | null;
  latest_charge: string | null;
  last_payment_error: null | { type: string; code: string; decline_code?: string; message: string };
  next_action: null | { type: 'use_stripe_sdk'; use_stripe_sdk: Record<string, unknown> };
  cancellation_reason: string | null;
  canceled_at: number | null;
  automatic_payment_methods: { enabled: boolean } | null;
  created: number;
  livemode: false;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** The PaymentIntent API subset we use, with the test cards' outcomes. */
export class PaymentIntents {
  readonly all = new Map<string, PaymentIntent>();

  constructor(private readonly webhooks: WebhookSender) {}

  get(intentId: string): PaymentIntent {
    const intent = this.all.get(intentId);
    if (!intent) throw missing('payment_intent', intentId);
    return intent;
  }

  create(form: FormObject): PaymentIntent {
    const amount = Number(str(form, 'amount'));
    const currency = str(form, 'currency');
    if (!Number.isInteger(amount) || amount < 1) {
      throw new StripeApiError(400, 'invalid_request_error', 'parameter_invalid_integer', 'Invalid positive integer', { param: 'amount' });
    }
    if (!currency) throw new StripeApiError(400, 'invalid_request_error', 'parameter_missing', 'Missing required param: currency.', { param: 'currency' });
    const intentId = id('pi');
    const intent: PaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      amount_refunded: 0,
      currency: currency.toLowerCase(),
      status: 'requires_payment_method',
      client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
      description: str(form, 'description') ?? null,
      metadata: record(form, 'metadata'),
      receipt_email: str(form, 'receipt_email') ?? null,
      payment_method: null,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      cancellation_reason: null,
      canceled_at: null,
      automatic_payment_methods: record(form, 'automatic_payment_methods').enabled === 'true' ? { enabled: true } : null,
      created: now(),
      livemode: false,
    };
    this.all.set(intentId, intent);
    this.webhooks.emit('payment_intent.created', intent);
    return intent;
  }

  /**
   * Confirms with a test card: `pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined
   * (402, like Stripe), `pm_card_authenticationRequired` needs 3-D Secure, and confirming again
   * once the customer has authenticated completes it.
   */
  confirm(intentId: string, form: FormObject): PaymentIntent {
    const intent = this.get(intentId);
    if (intent.status === 'succeeded' || intent.status === 'canceled' || intent.status === 'processing') {
      throw unexpectedState(intentId, intent.status, 'confirm');
    }
    const method = str(form, 'payment_method') ?? intent.payment_method;
    if (intent.status === 'requires_action') return this.succeed(intent);
    if (!method) {
      throw new StripeApiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', 'You cannot confirm this PaymentIntent because it is missing a payment method.', { param: 'payment_method' });
    }
    intent.payment_method = method;
    intent.last_payment_error = null;
    if (method === 'pm_card_chargeDeclined') {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
      this.webhooks.emit('payment_intent.payment_failed', intent);
      throw new StripeApiError(402, 'card_error', 'card_declined', 'Your card was declined.', { decline_code: 'generic_decline', payment_intent: structuredClone(intent) });
    }
    if (method === 'pm_card_authenticationRequired') {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
      this.webhooks.emit('payment_intent.requires_action', intent);
      return intent;
    }
    return this.succeed(intent);
  }

  cancel(intentId: string, form: FormObject): PaymentIntent {
    const intent = this.get(intentId);
    if (intent.status === 'succeeded' || intent.status === 'canceled') throw unexpectedState(intentId, intent.status, 'cancel');
    intent.status = 'canceled';
    intent.next_action = null;
    intent.cancellation_reason = str(form, 'cancellation_reason') ?? null;
    intent.canceled_at = now();
    this.webhooks.emit('payment_intent.canceled', intent);
    return intent;
  }

  private succeed(intent: PaymentIntent): PaymentIntent {
    intent.status = 'succeeded';
    intent.next_action = null;
    intent.amount_received = intent.amount;
    intent.latest_charge = id('ch');
    this.webhooks.emit('payment_intent.succeeded', intent);
    return intent;
  }
}
