import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';
import { createStripeGateway } from '#adapters/stripe/gateway';
import { loadConfig } from './config';

const StripeConfig = z.object({
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_SECRET_ARN: z.string().optional(),
  // Locally the SDK talks to the emulator; unset in AWS.
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
});

const StripeSecret = z.object({ secretKey: z.string().startsWith('sk_'), webhookSecret: z.string().min(1) });

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}

/**
 * Stripe's keys: from the environment locally, from Secrets Manager in AWS (fetched once at cold
 * start and cached by Powertools, not per call). Never from the template.
 */
export const loadStripeKeys = async (): Promise<StripeKeys> => {
  const config = loadConfig(StripeConfig);
  if (config.STRIPE_SECRET_KEY) {
    return { secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? '' };
  }
  if (!config.STRIPE_SECRET_ARN) throw new Error('Configuration is incomplete: set STRIPE_SECRET_ARN (AWS) or STRIPE_SECRET_KEY (local).');
  const secret = await getSecret(config.STRIPE_SECRET_ARN, { transform: 'json', maxAge: 300 });
  return StripeSecret.parse(secret);
};

export const loadPaymentGateway = async () => {
  const config = loadConfig(StripeConfig);
  const keys = await loadStripeKeys();
  return createStripeGateway({
    secretKey: keys.secretKey,
    ...(config.STRIPE_API_HOST && { apiHost: config.STRIPE_API_HOST }),
    ...(config.STRIPE_API_PORT && { apiPort: config.STRIPE_API_PORT }),
    ...(config.STRIPE_API_PROTOCOL && { apiProtocol: config.STRIPE_API_PROTOCOL }),
  });
};
