import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '../../../infra/local/stripe-emulator/index';

const secret = 'whsec_emulator_objects';
let endpoint: Server | undefined;
let emulator: StripeEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  await new Promise((r) => (endpoint ? endpoint.close(r) : r(undefined)));
  endpoint = undefined;
});

// The keys stripe-node's types mark as always present (not `?`). The compiler holds these lists to
// the installed SDK: a required key missing from a list, or an optional one in it, fails `tsc`.
type RequiredKeys<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? never : K }[keyof T];
const allOf =
  <T>() =>
  <const L extends readonly RequiredKeys<T>[]>(keys: L & ([RequiredKeys<T>] extends [L[number]] ? unknown : { missing: Exclude<RequiredKeys<T>, L[number]> })) =>
    keys as readonly string[];

const required = {
  payment_intent: allOf<Stripe.PaymentIntent>()([
    'id', 'object', 'allowed_payment_method_types', 'amount', 'amount_capturable', 'amount_received', 'application', 'application_fee_amount',
    'automatic_payment_methods', 'canceled_at', 'cancellation_reason', 'capture_method', 'client_secret', 'confirmation_method', 'created',
    'currency', 'customer', 'customer_account', 'description', 'excluded_payment_method_types', 'last_payment_error', 'latest_charge',
    'livemode', 'managed_payments', 'metadata', 'next_action', 'on_behalf_of', 'payment_method', 'payment_method_configuration_details',
    'payment_method_options', 'payment_method_types', 'payment_record', 'processing', 'receipt_email', 'review', 'setup_future_usage',
    'shipping', 'source', 'statement_descriptor', 'statement_descriptor_suffix', 'status', 'transfer_group',
  ]),
  charge: allOf<Stripe.Charge>()([
    'id', 'object', 'amount', 'amount_captured', 'amount_refunded', 'application', 'application_fee', 'application_fee_amount',
    'balance_transaction', 'billing_details', 'calculated_statement_descriptor', 'captured', 'created', 'currency', 'customer', 'description',
    'disputed', 'failure_balance_transaction', 'failure_code', 'failure_message', 'fraud_details', 'livemode', 'metadata', 'on_behalf_of',
    'outcome', 'paid', 'payment_intent', 'payment_method', 'payment_method_details', 'receipt_email', 'receipt_number', 'receipt_url',
    'refunded', 'review', 'shipping', 'source', 'source_transfer', 'statement_descriptor', 'statement_descriptor_suffix', 'status',
    'transfer_data', 'transfer_group',
  ]),
  refund: allOf<Stripe.Refund>()([
    'id', 'object', 'amount', 'balance_transaction', 'charge', 'created', 'currency', 'customer', 'customer_account', 'metadata',
    'payment_intent', 'payment_method', 'reason', 'receipt_number', 'source_transfer_reversal', 'status', 'transfer_reversal',
  ]),
  event: allOf<Stripe.EventBase>()(['id', 'object', 'api_version', 'created', 'data', 'livemode', 'pending_webhooks', 'request', 'type']),
};

/** Every always-present key is there (`null` where Stripe puts null, never missing or undefined). */
const expectWhole = (object: object) => {
  const kind = (object as { object: keyof typeof required }).object;
  expect(Object.keys(required), `a known object: ${kind}`).toContain(kind);
  const missing = required[kind].filter((key) => !(key in object) || (object as Record<string, unknown>)[key] === undefined);
  expect(missing, `${kind} lacks`).toEqual([]);
};

const startEndpoint = async () => {
  const received: { body: string; signature: string }[] = [];
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => (received.push({ body, signature: String(req.headers['stripe-signature']) }), res.writeHead(200).end()));
  });
  await new Promise<void>((r) => endpoint!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/webhooks`, received };
};

const start = async (options: { refundSettleMs?: number } = {}) => {
  const hook = await startEndpoint();
  emulator = await startStripeEmulator({ port: 0, webhookUrl: hook.url, webhookSecret: secret, ...options });
  const stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
  /** The events delivered so far (verified as the SDK verifies them), after everything settled. */
  const delivered = async () => {
    await emulator!.idle();
    return hook.received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, secret));
  };
  return { stripe, delivered };
};

const ofObject = (events: Stripe.Event[], id: string) => events.filter((e) => (e.data.object as { id?: string }).id === id).map((e) => e.type);

describe('the emulator sends whole Stripe objects', () => {
  it('a paid PaymentIntent, its Charge, a Refund and their Events carry every field Stripe always sends', async () => {
    const { stripe, delivered } = await start();
    const created = await stripe.paymentIntents.create({ amount: 4990, currency: 'eur', automatic_payment_methods: { enabled: true }, metadata: { orderId: 'ord_1' }, receipt_email: 'a@example.com' });
    expectWhole(created);
    expect(created).toMatchObject({ status: 'requires_payment_method', capture_method: 'automatic_async', confirmation_method: 'automatic', livemode: false, latest_charge: null, amount_received: 0 });
    const paid = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa', expand: ['latest_charge'] });
    expectWhole(paid);
    const charge = paid.latest_charge as Stripe.Charge;
    expectWhole(charge);
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 4990, payment_method: 'pm_card_visa' });
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, captured: true, amount: 4990, amount_captured: 4990, amount_refunded: 0, refunded: false, payment_intent: paid.id, metadata: { orderId: 'ord_1' } });
    expect(charge.payment_method_details).toMatchObject({ type: 'card', card: { brand: 'visa', last4: '4242' } });
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ id: charge.id, balance_transaction: expect.stringMatching(/^txn_/) });

    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 990, reason: 'requested_by_customer', metadata: { returnId: 'r1' } });
    expectWhole(refund);
    expect(refund).toMatchObject({ status: 'succeeded', amount: 990, charge: charge.id, payment_intent: paid.id, reason: 'requested_by_customer', metadata: { returnId: 'r1' } });

    const events = await delivered();
    for (const event of events) {
      expectWhole(event);
      expectWhole(event.data.object);
      expect(event).toMatchObject({ object: 'event', api_version: Stripe.API_VERSION, livemode: false, pending_webhooks: 1 });
      // Caused by an SDK call: its request id, and the idempotency key the SDK puts on every POST.
      expect(event.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: expect.any(String) });
    }
    expect(ofObject(events, paid.id)).toEqual(['payment_intent.created', 'payment_intent.succeeded']);
    expect(ofObject(events, charge.id)).toEqual(['charge.succeeded', 'charge.refunded']);
    expect(ofObject(events, refund.id)).toEqual(['refund.created']);
    const refunded = events.find((e) => e.type === 'charge.refunded')!;
    expect(refunded.data).toMatchObject({ object: { amount_refunded: 990, refunded: false }, previous_attributes: { amount_refunded: 0, refunded: false } });
    // The endpoint got them; Stripe's own record says so.
    expect((await stripe.events.retrieve(refunded.id)).pending_webhooks).toBe(0);
  });

  it('a declined card: a 402 card error, a failed Charge, the PaymentIntent back to requires_payment_method', async () => {
    const { stripe, delivered } = await start();
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur' });
    const error = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', charge: expect.stringMatching(/^ch_/) });
    const after = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expectWhole(after);
    expect(after).toMatchObject({ status: 'requires_payment_method', payment_method: null, last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' } });
    expectWhole(after.latest_charge as Stripe.Charge);
    expect(after.latest_charge).toMatchObject({ status: 'failed', paid: false, captured: false, amount_captured: 0, failure_code: 'card_declined', outcome: { type: 'issuer_declined' } });
    expect(ofObject(await delivered(), intent.id)).toEqual(['payment_intent.created', 'payment_intent.payment_failed']);
  });

  it('3-D Secure: requires_action with a next_action, then succeeded with an authenticated charge', async () => {
    const { stripe, delivered } = await start();
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', payment_method: 'pm_card_authenticationRequired' });
    expect(intent.status).toBe('requires_confirmation');
    const pending = await stripe.paymentIntents.confirm(intent.id);
    expect(pending).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' }, latest_charge: null });
    const paid = await stripe.paymentIntents.confirm(intent.id, { expand: ['latest_charge'] });
    expect(paid.status).toBe('succeeded');
    expect((paid.latest_charge as Stripe.Charge).payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
    expect(ofObject(await delivered(), intent.id)).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'payment_intent.succeeded']);
  });

  it('refuses parameters Stripe does not take, and unknown test PaymentMethods', async () => {
    const { stripe } = await start();
    await expect(stripe.paymentIntents.create({ amount: 1000, currency: 'eur', colour: 'red' } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    await expect(stripe.paymentIntents.create({ amount: 20, currency: 'eur' })).rejects.toMatchObject({ code: 'amount_too_small', message: 'Amount must be at least €0.50 eur' });
    await expect(stripe.paymentIntents.create({ amount: 100_000_000, currency: 'eur' })).rejects.toMatchObject({ code: 'amount_too_large', param: 'amount' });
    expect((await stripe.paymentIntents.create({ amount: 99_999_999, currency: 'eur' })).amount).toBe(99_999_999);
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_made_up' })).rejects.toMatchObject({ code: 'resource_missing', param: 'payment_method' });
    await expect(stripe.paymentIntents.retrieve(intent.id, { expand: ['review'] })).rejects.toMatchObject({ message: 'This property cannot be expanded (review).' });
  });
});

describe('cancelling a PaymentIntent, as Stripe allows it', () => {
  it('only from a cancelable status, with a cancellation_reason', async () => {
    const { stripe, delivered } = await start();
    const open = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' });
    expectWhole(canceled);
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned', canceled_at: expect.any(Number) });
    const again = stripe.paymentIntents.cancel(open.id);
    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(again).rejects.toMatchObject({ code: 'payment_intent_unexpected_state', message: expect.stringContaining('because it has a status of canceled') });
    await expect(stripe.paymentIntents.confirm(open.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });

    const paid = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });
    expect(paid.status).toBe('succeeded');
    await expect(stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: 'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
    });
    const waiting = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_authenticationRequired', confirm: true });
    await expect(stripe.paymentIntents.cancel(waiting.id, { cancellation_reason: 'sleepy' as 'abandoned' })).rejects.toMatchObject({ param: 'cancellation_reason' });
    expect((await stripe.paymentIntents.cancel(waiting.id, { cancellation_reason: 'requested_by_customer' })).status).toBe('canceled');
    expect(ofObject(await delivered(), open.id)).toEqual(['payment_intent.created', 'payment_intent.canceled']);
  });
});

describe('refunds, as Stripe makes them', () => {
  it('partial refunds up to what was captured, then the rest; more is refused; an unpaid PaymentIntent has nothing to refund', async () => {
    const { stripe } = await start();
    const unpaid = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur' });
    await expect(stripe.refunds.create({ payment_intent: unpaid.id })).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'charge_not_refundable' });
    const paid = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });
    const first = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000 });
    const second = await stripe.refunds.create({ payment_intent: paid.id, amount: 500, reason: 'duplicate' });
    await expect(stripe.refunds.create({ payment_intent: paid.id, amount: 1501 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      param: 'amount',
      message: 'Refund amount (€15.01) is greater than unrefunded amount on charge (€15.00)',
    });
    await expect(stripe.refunds.create({ payment_intent: paid.id, reason: 'bored' as 'duplicate' })).rejects.toMatchObject({ param: 'reason' });
    const rest = await stripe.refunds.create({ payment_intent: paid.id });
    expect([first.amount, second.amount, rest.amount]).toEqual([1000, 500, 1500]);
    expect([first.status, second.status, rest.status]).toEqual(['succeeded', 'succeeded', 'succeeded']);
    await expect(stripe.refunds.create({ payment_intent: paid.id, amount: 1 })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    const charge = await stripe.charges.retrieve(paid.latest_charge as string, { expand: ['refunds'] });
    expect(charge).toMatchObject({ amount_refunded: 3000, refunded: true });
    expect(charge.refunds?.data.map((r) => r.id)).toEqual([rest.id, second.id, first.id]);
    expect((await stripe.refunds.list({ payment_intent: paid.id })).data).toHaveLength(3);
  });

  it('pm_card_pendingRefund: the refund starts pending and succeeds later (refund.updated, charge.refund.updated)', async () => {
    const { stripe, delivered } = await start({ refundSettleMs: 20 });
    const paid = await stripe.paymentIntents.create({ amount: 2000, currency: 'eur', payment_method: 'pm_card_pendingRefund', confirm: true });
    const refund = await stripe.refunds.create({ payment_intent: paid.id });
    expect(refund.status).toBe('pending');
    const events = await delivered();
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    expect(ofObject(events, refund.id)).toEqual(['refund.created', 'refund.updated', 'charge.refund.updated']);
    const updated = events.find((e) => e.type === 'refund.updated')!;
    expect(updated.data).toMatchObject({ object: { status: 'succeeded' }, previous_attributes: { status: 'pending' } });
    expect(updated.request).toEqual({ id: null, idempotency_key: null }); // it happened on its own, not from a request
  });

  it('pm_card_refundFail: the payment succeeds; each refund looks succeeded, then fails, and the charge gets its amount back', async () => {
    // Long enough for the charge to be read before the refund fails, on a loaded machine too (20 ms was not, once in CI).
    const { stripe, delivered } = await start({ refundSettleMs: 2000 });
    const paid = await stripe.paymentIntents.create({ amount: 2000, currency: 'eur', payment_method: 'pm_card_refundFail', confirm: true });
    expect(paid.status).toBe('succeeded');
    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 1200 });
    expect(refund.status).toBe('succeeded'); // Stripe: "the refund will appear to be successful at first"
    expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ amount_refunded: 1200 });
    const events = await delivered();
    const failed = await stripe.refunds.retrieve(refund.id);
    expectWhole(failed);
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card', failure_balance_transaction: expect.stringMatching(/^txn_/) });
    expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(ofObject(events, refund.id)).toEqual(['refund.created', 'refund.failed', 'refund.updated', 'charge.refund.updated']);
    expect(events.find((e) => e.type === 'refund.failed')!.data.object).toMatchObject({ id: refund.id, status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect(events.find((e) => e.type === 'charge.refund.updated')!.data.previous_attributes).toMatchObject({ status: 'succeeded' });
    // The whole amount can be asked for again (and fails again).
    expect((await stripe.refunds.create({ payment_intent: paid.id })).amount).toBe(2000);
  });
});
