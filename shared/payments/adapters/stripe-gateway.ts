import Stripe from 'stripe';
import { ConflictError, UnavailableError, UnprocessableError } from '#kernel/errors';
import type { Currency } from '#kernel/money';
import type { PaymentGateway } from '../app/ports';
import type { PaymentIntentStatus, PaymentIntentView } from '../domain/payment';
import { stripeTiming, type StripeTiming } from './stripe-timing';

export interface StripeGatewayConfig {
  secretKey: string;
  /** Locally: the emulator's address. Unset in AWS (api.stripe.com). */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
  /** How long to wait for Stripe: `stripeTiming` unless a test makes it short. */
  timing?: StripeTiming;
}

const toCurrency = (c: string) => c.toUpperCase() as Currency;

const known: readonly PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
];

/** Stripe may add statuses; one we do not know is treated as still in progress. */
const statusOf = (status: string): PaymentIntentStatus =>
  known.includes(status as PaymentIntentStatus) ? (status as PaymentIntentStatus) : 'processing';

const view = (intent: Stripe.PaymentIntent): PaymentIntentView => ({
  paymentIntentId: intent.id,
  status: statusOf(intent.status),
  amount: { amount: intent.amount, currency: toCurrency(intent.currency) },
  amountReceived: intent.amount_received,
  ...(intent.metadata.orderId && { orderId: intent.metadata.orderId }),
});

/**
 * Stripe errors in our words: a refused card or request is the client's problem (422), a reused
 * idempotency key a conflict (409). Anything else (Stripe down or slow after the SDK's own retries,
 * a rate limit, a key it refuses, a key still in use by a request in flight: its 409, a
 * `StripeAPIError`, never recorded as a refusal) is Stripe unavailable (503): every call carries an idempotency
 * key or only reads, so the same call may be made again.
 */
const translate = (error: unknown): never => {
  if (error instanceof Stripe.errors.StripeCardError) throw new UnprocessableError(error.message, [], { cause: error });
  if (error instanceof Stripe.errors.StripeIdempotencyError) throw new ConflictError(error.message, [], { cause: error });
  if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new UnprocessableError(error.message, [], { cause: error });
  throw new UnavailableError(`Stripe did not answer as expected: ${(error as Error).message}`, [], { cause: error });
};

/**
 * The Stripe resources the gateway calls. The bundles leave Stripe's others out
 * (`STRIPE_RESOURCES_USED` in infra/aws/esbuild-worker.mjs, which names these): calling another
 * here fails to compile, and `test/infra/stripe-bundle.test.ts` makes every call through the
 * bundled SDK.
 */
type StripeResourcesCalled = Pick<Stripe, 'paymentIntents' | 'refunds'>;

export const createStripeGateway = (config: StripeGatewayConfig): PaymentGateway => {
  const { attemptTimeoutMs, maxNetworkRetries } = config.timing ?? stripeTiming;
  const stripe: StripeResourcesCalled = new Stripe(config.secretKey, {
    maxNetworkRetries,
    timeout: attemptTimeoutMs,
    ...(config.apiHost && { host: config.apiHost }),
    ...(config.apiPort && { port: config.apiPort }),
    ...(config.apiProtocol && { protocol: config.apiProtocol }),
  });
  return {
    async createPaymentIntent({ orderId, orderNumber, amount, customerEmail, description, idempotencyKey }) {
      const intent = await stripe.paymentIntents
        .create(
          {
            amount: amount.amount,
            currency: amount.currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            // Stripe puts the metadata in every event of the PaymentIntent: its events name the order without a read.
            metadata: { orderId, orderNumber },
            ...(customerEmail && { receipt_email: customerEmail }),
            ...(description && { description }),
          },
          { idempotencyKey },
        )
        .catch(translate);
      return { paymentIntentId: intent.id, clientSecret: intent.client_secret ?? '', status: statusOf(intent.status) };
    },
    async retrievePaymentIntent(paymentIntentId) {
      return view(await stripe.paymentIntents.retrieve(paymentIntentId).catch(translate));
    },
    async cancelPaymentIntent(paymentIntentId, idempotencyKey) {
      return view(await stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey }).catch(translate));
    },
    async createRefund({ paymentIntentId, amount, reason, idempotencyKey, metadata }) {
      const refund = await stripe.refunds
        .create({ payment_intent: paymentIntentId, ...(amount && { amount: amount.amount }), ...(reason && { reason }), metadata }, { idempotencyKey })
        .catch(translate);
      const status = refund.status === 'succeeded' || refund.status === 'failed' ? refund.status : 'pending';
      return { refundId: refund.id, status, amount: { amount: refund.amount, currency: toCurrency(refund.currency) } };
    },
    async retrieveRefund(stripeRefundId) {
      // Its PaymentIntent expanded: a refund made in Stripe's dashboard has no metadata of ours, its PaymentIntent names the order.
      const refund = await stripe.refunds.retrieve(stripeRefundId, { expand: ['payment_intent'] }).catch(translate);
      const intent = refund.payment_intent;
      const paymentIntentId = typeof intent === 'string' ? intent : intent?.id;
      const orderId = typeof intent === 'object' ? intent?.metadata.orderId : undefined;
      const status = (['pending', 'succeeded', 'failed', 'requires_action', 'canceled'] as const).find((s) => s === refund.status) ?? 'pending';
      return {
        refundId: refund.id,
        status,
        amount: { amount: refund.amount, currency: toCurrency(refund.currency) },
        ...(refund.failure_reason && { failureReason: refund.failure_reason }),
        ...(paymentIntentId && { paymentIntentId }),
        ...(orderId && { orderId }),
      };
    },
  };
};
