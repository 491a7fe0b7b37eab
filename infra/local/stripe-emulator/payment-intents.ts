import type Stripe from 'stripe';
import { cardOf, type TestCard } from './cards';
import type { Charges } from './charges';
import { checkEnum, checkKnown, formatAmount, invalidParam, missing, missingParam, StripeApiError, unexpectedState } from './errors';
import { bool, list, positiveInt, record, str, type FormObject } from './form';
import { newPaymentIntent, now, type PaymentIntent } from './objects';
import type { WebhookSender } from './webhooks';

// The parameters of stripe-node's PaymentIntentCreateParams / ConfirmParams / CancelParams: others are refused.
const createParams = ['amount', 'currency', 'allowed_payment_method_types', 'amount_details', 'application_fee_amount', 'automatic_payment_methods', 'capture_method', 'confirm', 'confirmation_method', 'confirmation_token', 'customer', 'customer_account', 'description', 'error_on_requires_action', 'excluded_payment_method_types', 'expand', 'hooks', 'mandate', 'mandate_data', 'metadata', 'off_session', 'on_behalf_of', 'payment_details', 'payment_method', 'payment_method_configuration', 'payment_method_data', 'payment_method_options', 'radar_options', 'receipt_email', 'return_url', 'setup_future_usage', 'shipping', 'statement_descriptor', 'statement_descriptor_suffix', 'transfer_data', 'transfer_group', 'use_stripe_sdk'];
const confirmParams = ['allowed_payment_method_types', 'amount_details', 'amount_to_confirm', 'capture_method', 'confirmation_token', 'error_on_requires_action', 'excluded_payment_method_types', 'expand', 'hooks', 'mandate', 'mandate_data', 'off_session', 'payment_details', 'payment_method', 'payment_method_data', 'payment_method_options', 'radar_options', 'receipt_email', 'return_url', 'setup_future_usage', 'shipping', 'use_stripe_sdk'];
const cancelable = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const confirmable = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
/** Stripe's minimum charge amounts (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts), the common ones. */
const minimums: Record<string, number> = { eur: 50, usd: 50, gbp: 30, chf: 50, cad: 50, aud: 50, jpy: 50 };
const MAXIMUM_AMOUNT = 99_999_999;

/** The PaymentIntent API subset we use, with the outcomes of Stripe's test PaymentMethods. */
export class PaymentIntents {
  readonly all = new Map<string, PaymentIntent>();

  constructor(
    private readonly charges: Charges,
    private readonly webhooks: WebhookSender,
  ) {}

  get(intentId: string, param = 'id'): PaymentIntent {
    const intent = this.all.get(intentId);
    if (!intent) throw missing('payment_intent', intentId, param, param === 'id' ? 404 : 400);
    return intent;
  }

  create(form: FormObject): PaymentIntent {
    checkKnown(form, createParams);
    const amount = positiveInt(form, 'amount');
    if (amount === undefined) throw missingParam('amount');
    const currency = str(form, 'currency')?.toLowerCase();
    if (!currency) throw missingParam('currency');
    if (!/^[a-z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}. Stripe currently supports these currencies: eur, usd, gbp, …`);
    const minimum = minimums[currency] ?? 0;
    if (amount < minimum) throw invalidParam('amount', `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, 'amount_too_small');
    // Eight digits at most, whatever the currency (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
    if (amount > MAXIMUM_AMOUNT) throw invalidParam('amount', `Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)} ${currency}`, 'amount_too_large');
    const automatic = record(form, 'automatic_payment_methods').enabled;
    const types = list(form, 'payment_method_types');
    if (automatic !== undefined && types.length > 0) {
      throw invalidParam('automatic_payment_methods', 'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.');
    }
    const capture = str(form, 'capture_method');
    checkEnum('capture_method', capture, ['automatic', 'automatic_async', 'manual']);
    if (capture === 'manual') throw invalidParam('capture_method', 'The Stripe emulator does not model manual capture (capture_method=manual).');
    checkEnum('setup_future_usage', str(form, 'setup_future_usage'), ['off_session', 'on_session']);
    checkEnum('confirmation_method', str(form, 'confirmation_method'), ['automatic', 'manual']);
    const confirm = bool(form, 'confirm') ?? false;
    const paymentMethod = str(form, 'payment_method') ?? null;
    if (paymentMethod) this.card(paymentMethod);
    const customer = str(form, 'customer');
    if (customer) throw missing('customer', customer, 'customer', 400); // the emulator has no customers
    const intent = newPaymentIntent({
      amount,
      currency,
      description: str(form, 'description') ?? null,
      metadata: record(form, 'metadata'),
      receiptEmail: str(form, 'receipt_email') ?? null,
      customer: null,
      automaticPaymentMethods: automatic === 'true' || (automatic === undefined && types.length === 0),
      paymentMethodTypes: types.length > 0 ? types : ['card'],
      paymentMethod,
      statementDescriptor: str(form, 'statement_descriptor') ?? null,
      statementDescriptorSuffix: str(form, 'statement_descriptor_suffix') ?? null,
      transferGroup: str(form, 'transfer_group') ?? null,
      setupFutureUsage: (str(form, 'setup_future_usage') as Stripe.PaymentIntent.SetupFutureUsage | undefined) ?? null,
    });
    if (capture) intent.capture_method = capture;
    if (str(form, 'confirmation_method')) intent.confirmation_method = str(form, 'confirmation_method') as string;
    this.all.set(intent.id, intent);
    this.webhooks.publish([{ type: 'payment_intent.created', object: intent }]);
    return confirm ? this.confirm(intent.id, {}) : intent;
  }

  /**
   * Confirms with a test card: `pm_card_visa` (and the other plain cards) succeed,
   * `pm_card_chargeDeclined` is declined (402, a failed charge), `pm_card_authenticationRequired`
   * needs 3-D Secure and confirming again once the customer has authenticated completes it.
   */
  confirm(intentId: string, form: FormObject): PaymentIntent {
    checkKnown(form, confirmParams);
    const intent = this.get(intentId);
    const given = str(form, 'payment_method');
    const card = given === undefined ? undefined : this.card(given);
    if (!confirmable.includes(intent.status)) {
      throw unexpectedState(
        intent.status === 'succeeded'
          ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
          : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${confirmable.join(', ')}.`,
      );
    }
    const receiptEmail = str(form, 'receipt_email');
    if (receiptEmail !== undefined) intent.receipt_email = receiptEmail || null;
    if (intent.status === 'requires_action' && (given === undefined || given === intent.payment_method)) {
      return this.succeed(intent, this.card(intent.payment_method as string), true);
    }
    const method = given ?? intent.payment_method;
    if (!method) {
      throw unexpectedState(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      );
    }
    const used = card ?? this.card(method);
    intent.payment_method = method;
    intent.last_payment_error = null;
    intent.next_action = null;
    if (used.decline) return this.decline(intent, method, used);
    if (used.authentication) {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `https://hooks.stripe.com/redirect/authenticate/${intent.id}`, source: `src_${intent.id.slice(3)}` } };
      this.webhooks.publish([{ type: 'payment_intent.requires_action', object: intent }]);
      return intent;
    }
    return this.succeed(intent, used, false);
  }

  cancel(intentId: string, form: FormObject): PaymentIntent {
    checkKnown(form, ['cancellation_reason', 'expand']);
    const reason = str(form, 'cancellation_reason');
    checkEnum('cancellation_reason', reason, ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);
    const intent = this.get(intentId);
    if (!cancelable.includes(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`,
      );
    }
    intent.status = 'canceled';
    intent.next_action = null;
    intent.cancellation_reason = (reason as Stripe.PaymentIntent.CancellationReason | undefined) ?? null;
    intent.canceled_at = now();
    this.webhooks.publish([{ type: 'payment_intent.canceled', object: intent }]);
    return intent;
  }

  /** A test PaymentMethod by id; others do not exist here (`No such PaymentMethod`, as Stripe says). */
  private card(paymentMethod: string): TestCard {
    const card = cardOf(paymentMethod);
    if (!card) throw missing('PaymentMethod', paymentMethod, 'payment_method', 400);
    return card;
  }

  private succeed(intent: PaymentIntent, card: TestCard, authenticated: boolean): PaymentIntent {
    const charge = this.charges.attempt(intent, intent.payment_method as string, card, authenticated);
    intent.status = 'succeeded';
    intent.next_action = null;
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    this.webhooks.publish([
      { type: 'charge.succeeded', object: charge },
      { type: 'payment_intent.succeeded', object: intent },
    ]);
    return intent;
  }

  /** A declined card: a failed charge, the PaymentIntent back to `requires_payment_method`, and a 402. */
  private decline(intent: PaymentIntent, method: string, card: TestCard): never {
    const charge = this.charges.attempt(intent, method, card, false);
    const decline = card.decline as NonNullable<TestCard['decline']>;
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.latest_charge = charge.id;
    intent.last_payment_error = {
      charge: charge.id,
      code: 'card_declined',
      decline_code: decline.decline_code,
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      message: decline.message,
      type: 'card_error',
    };
    this.webhooks.publish([
      { type: 'charge.failed', object: charge },
      { type: 'payment_intent.payment_failed', object: intent },
    ]);
    throw new StripeApiError(402, 'card_error', 'card_declined', decline.message, {
      charge: charge.id,
      decline_code: decline.decline_code,
      payment_intent: structuredClone(intent),
    });
  }
}
