import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod/mini';
import type { FunctionConfig } from '#runtime/config';
import type { PaymentGateway } from '../app/ports';
import { createStripeGateway } from './stripe-gateway';

export type StripeConfig = FunctionConfig<'checkout'>['stripe'];

// A secret key (`sk_…`) or, better, a restricted key (`rk_…`) allowed to write PaymentIntents and
// Refunds, which is all the functions call.
const StripeSecret = z.object({ secretKey: z.string().check(z.regex(/^(sk|rk)_/)), webhookSecret: z.string().check(z.minLength(1)) });

/** The secret's JSON as the operator put it, checked: a key of another kind fails the cold start, naming it. */
export const readStripeSecret = (secret: unknown): StripeKeys => StripeSecret.parse(secret);

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}

/**
 * Stripe's keys: from the environment locally, from Secrets Manager in AWS (fetched once at cold
 * start and cached by Powertools, not per call). Never from the template.
 */
export const loadStripeKeys = async (config: StripeConfig): Promise<StripeKeys> => {
  if (config.STRIPE_SECRET_KEY) {
    return { secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? '' };
  }
  if (!config.STRIPE_SECRET_ARN) throw new Error('Configuration is incomplete: set STRIPE_SECRET_ARN (AWS) or STRIPE_SECRET_KEY (local).');
  const secret = await getSecret(config.STRIPE_SECRET_ARN, { transform: 'json', maxAge: 300 });
  return readStripeSecret(secret);
};

/** The Stripe gateway, pointed at the emulator locally (host, port, protocol) and at api.stripe.com in AWS. */
export const loadPaymentGateway = async (config: StripeConfig): Promise<PaymentGateway> => {
  const keys = await loadStripeKeys(config);
  return createStripeGateway({
    secretKey: keys.secretKey,
    ...(config.STRIPE_API_HOST && { apiHost: config.STRIPE_API_HOST }),
    ...(config.STRIPE_API_PORT && { apiPort: config.STRIPE_API_PORT }),
    ...(config.STRIPE_API_PROTOCOL && { apiProtocol: config.STRIPE_API_PROTOCOL }),
  });
};
