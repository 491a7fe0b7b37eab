import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { OutgoingEvent } from '#kernel/events';
import { toPaymentAction } from '#payments/adapters/stripe-webhook';
import { receiveStripeWebhook } from '#payments/app/receive-stripe-webhook';
import { outboxEntry } from '#runtime/outbox';

const CREATED = Date.parse('2026-12-07T09:30:00.000Z') / 1000;

/** A PaymentIntent as checkout creates it, and as Stripe puts it in its events: every field Stripe sends. */
const paymentIntent = (fields: object) => ({
  id: 'pi_3QdJ8xLkdIwHu7ix0wXyZ4Ab',
  object: 'payment_intent',
  amount: 4990,
  amount_capturable: 0,
  amount_details: { tip: {} },
  amount_received: 0,
  application: null,
  application_fee_amount: null,
  automatic_payment_methods: { allow_redirects: 'always', enabled: true },
  canceled_at: null,
  cancellation_reason: null,
  capture_method: 'automatic_async',
  client_secret: 'pi_3QdJ8xLkdIwHu7ix0wXyZ4Ab_secret_kQ3v1WcE0tdyPDDf0sHLbPsRg',
  confirmation_method: 'automatic',
  created: CREATED - 60,
  currency: 'eur',
  customer: null,
  description: 'Order ord_01JG7Q2M',
  last_payment_error: null,
  latest_charge: null,
  livemode: false,
  metadata: { orderId: 'ord_01JG7Q2M', orderNumber: '2026-000123' },
  next_action: null,
  on_behalf_of: null,
  payment_method: null,
  payment_method_configuration_details: { id: 'pmc_1QdJ7aLkdIwHu7ixWmP0', parent: null },
  payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
  payment_method_types: ['card'],
  processing: null,
  receipt_email: 'camille@example.fr',
  review: null,
  setup_future_usage: null,
  shipping: null,
  source: null,
  statement_descriptor: null,
  statement_descriptor_suffix: null,
  status: 'requires_payment_method',
  transfer_data: null,
  transfer_group: null,
  ...fields,
});

/** A card PaymentMethod, as `last_payment_error.payment_method` embeds it. */
const cardPaymentMethod = (last4: string) => ({
  id: 'pm_1QdJ9bLkdIwHu7ixTpR2',
  object: 'payment_method',
  allow_redisplay: 'unspecified',
  billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
  card: { brand: 'visa', checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null }, country: 'US', exp_month: 12, exp_year: 2029, funding: 'credit', last4, networks: { available: ['visa'], preferred: null }, wallet: null },
  created: CREATED,
  customer: null,
  livemode: false,
  metadata: {},
  type: 'card',
});

/** The event Stripe sends about it. */
const stripeEvent = (type: string, object: object) =>
  ({
    id: 'evt_3QdJ9cLkdIwHu7ix1Hq2',
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: CREATED,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_Q7nVx2yS3aFZ1p', idempotency_key: '0c7d2f4e-3b1a-4c55-9a0e-5f2b8d9e1a77' },
    type,
  }) as unknown as Stripe.Event;

/** A card declined by the bank for lack of funds: what Stripe says of `pm_card_chargeDeclinedInsufficientFunds`. */
const declined = () =>
  stripeEvent(
    'payment_intent.payment_failed',
    paymentIntent({
      latest_charge: 'ch_3QdJ8xLkdIwHu7ix0Dp1',
      last_payment_error: {
        advice_code: 'try_again_later',
        charge: 'ch_3QdJ8xLkdIwHu7ix0Dp1',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        message: 'Your card has insufficient funds.',
        payment_method: cardPaymentMethod('9995'),
        type: 'card_error',
      },
    }),
  );

/** What the webhook puts on the bus for a Stripe event: the `detail`, validated against its contract. */
const publishedFor = async (event: Stripe.Event) => {
  const published: OutgoingEvent[] = [];
  await receiveStripeWebhook({ publisher: { publish: async (events) => void published.push(...events) } }, toPaymentAction(event));
  return published.map((e) => ({
    detailType: e.contract.name,
    detail: JSON.parse(outboxEntry(e, { eventId: e.eventId ?? 'none', correlationId: 'c', now: new Date() }).detail) as { metadata: { eventId: string }; data: object },
  }));
};

const theOrder = {
  orderId: 'ord_01JG7Q2M',
  orderNumber: '2026-000123',
  customerEmail: 'camille@example.fr',
  paymentIntentId: 'pi_3QdJ8xLkdIwHu7ix0wXyZ4Ab',
  amount: { amount: 4990, currency: 'EUR' },
  stripeEventId: 'evt_3QdJ9cLkdIwHu7ix1Hq2',
  occurredAt: '2026-12-07T09:30:00.000Z',
};

describe('a payment Stripe reports, as the bus carries it', () => {
  it('a declined card: PaymentFailed says why (Stripe’s code, the bank’s decline code, the message) and names the order by number, with its email', async () => {
    expect(await publishedFor(declined())).toEqual([
      {
        detailType: 'PaymentFailed',
        detail: {
          metadata: expect.objectContaining({ eventId: 'stripe-evt_3QdJ9cLkdIwHu7ix1Hq2' }),
          data: { ...theOrder, failureCode: 'card_declined', declineCode: 'insufficient_funds', reason: 'Your card has insufficient funds.' },
        },
      },
    ]);
  });

  it('a failure with no decline code (a processing error) carries what Stripe gave, nothing for the rest', async () => {
    const event = stripeEvent(
      'payment_intent.payment_failed',
      paymentIntent({
        last_payment_error: {
          charge: 'ch_3QdJ8xLkdIwHu7ix0Dp1',
          code: 'processing_error',
          doc_url: 'https://stripe.com/docs/error-codes/processing-error',
          message: 'An error occurred while processing your card. Try again in a little bit.',
          payment_method: cardPaymentMethod('0119'),
          type: 'card_error',
        },
      }),
    );
    const [failed] = await publishedFor(event);
    expect(failed?.detail.data).toEqual({ ...theOrder, failureCode: 'processing_error', reason: 'An error occurred while processing your card. Try again in a little bit.' });
  });

  it('3-D Secure: PaymentActionRequired says what the customer must do (the next action’s type)', async () => {
    const event = stripeEvent(
      'payment_intent.requires_action',
      paymentIntent({
        status: 'requires_action',
        payment_method: 'pm_1QdJ9bLkdIwHu7ixTpR2',
        next_action: {
          type: 'use_stripe_sdk',
          use_stripe_sdk: { directory_server_name: 'visa', merchant: 'acct_1QdJ0aLkdIwHu7ix', server_transaction_id: '5f1b0d62-8f0c-4a8e-9a55-1d3c0e6c9b21', three_d_secure_2_source: 'payatt_3QdJ9dLkdIwHu7ix', type: 'stripe_3ds2_fingerprint' },
        },
      }),
    );
    const [required] = await publishedFor(event);
    expect(required).toEqual({ detailType: 'PaymentActionRequired', detail: expect.objectContaining({ data: { ...theOrder, nextActionType: 'use_stripe_sdk' } }) });
  });

  it('a canceled PaymentIntent: PaymentCanceled names the order by number, with its email', async () => {
    const event = stripeEvent('payment_intent.canceled', paymentIntent({ status: 'canceled', canceled_at: CREATED, cancellation_reason: 'abandoned' }));
    expect(await publishedFor(event)).toEqual([{ detailType: 'PaymentCanceled', detail: expect.objectContaining({ data: theOrder }) }]);
  });

  it('a PaymentIntent made before checkout kept the order number, with no receipt email: the rest as before', async () => {
    const event = stripeEvent('payment_intent.canceled', paymentIntent({ status: 'canceled', metadata: { orderId: 'ord_01JG7Q2M' }, receipt_email: null }));
    const { orderNumber: _number, customerEmail: _email, ...before } = theOrder;
    expect(await publishedFor(event)).toEqual([{ detailType: 'PaymentCanceled', detail: expect.objectContaining({ data: before }) }]);
  });

  it('the same failure delivered again is the same fact: the same event id and data', async () => {
    expect(await publishedFor(declined())).toEqual(await publishedFor(declined()));
  });
});
