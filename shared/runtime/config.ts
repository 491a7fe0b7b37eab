import * as z from 'zod';
import type { ContextWiring, Grant } from './wiring-spec';
import type { functions, FunctionName } from '#wiring';

/**
 * Each function's configuration, read once at load from the environment its grants bring, and
 * nothing else: a function that was not granted the bus has no `bus` section to read, so a
 * missing grant fails to compile instead of failing in AWS. A missing variable fails at load
 * with a sentence naming it.
 */
const sections = {
  table: z.object({ TABLE_NAME: z.string().min(1) }),
  idempotency: z.object({ IDEMPOTENCY_TABLE_NAME: z.string().min(1) }),
  bus: z.object({ EVENT_BUS_NAME: z.string().min(1) }),
  email: z.object({ SHOP_EMAIL: z.email(), MAIL_FROM: z.email() }),
  // In AWS the keys are read from Secrets Manager at cold start (`STRIPE_SECRET_ARN`); locally
  // `STRIPE_SECRET_KEY` / `STRIPE_WEBHOOK_SECRET` and the emulator's address are set instead.
  stripe: z.object({
    STRIPE_SECRET_ARN: z.string().min(1).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_API_HOST: z.string().optional(),
    STRIPE_API_PORT: z.coerce.number().int().optional(),
    STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  }),
  identity: z.object({
    JWT_ISSUER: z.string().min(1),
    JWT_AUDIENCE: z.string().min(1),
    // Locally the issuer is not on HTTPS: the runtime hands its keys here instead.
    JWT_JWKS: z.string().optional(),
  }),
  // The key that signs cursors and derives order tokens: from Secrets Manager in AWS, from
  // `SIGNING_SECRET` locally.
  signing: z.object({ SIGNING_SECRET_ARN: z.string().min(1).optional(), SIGNING_SECRET: z.string().min(16).optional() }),
  // Every worker queue and its DLQ, as JSON `[{ name, queueArn, deadLetterUrl, deadLetterArn }]`.
  queues: z.object({ DEAD_LETTER_QUEUES: z.string().min(2) }),
  // Digital goods: the private bucket in AWS; locally the runtime's address, which serves signed
  // links from its folder of sample files instead (with the signing key).
  downloads: z.object({ DOWNLOADS_BUCKET: z.string().min(1).optional(), DOWNLOADS_BASE_URL: z.url().optional() }),
} as const;

type Sections = typeof sections;

const sectionOf = {
  'table:read': 'table',
  'table:write': 'table',
  idempotency: 'idempotency',
  'bus:publish': 'bus',
  'email:send': 'email',
  'stripe:secret': 'stripe',
  'identity:verify': 'identity',
  'signing:secret': 'signing',
  'queues:operate': 'queues',
  'downloads:sign': 'downloads',
} as const satisfies Record<Grant, keyof Sections>;

/**
 * The environment variables the CDK stack sets for each grant (the local runtime sets the same
 * ones, pointed at its stand-ins). Optional ones are left out: Stripe's keys and the signing key
 * locally.
 */
export const grantEnvironment = {
  'table:read': ['TABLE_NAME'],
  'table:write': ['TABLE_NAME'],
  idempotency: ['IDEMPOTENCY_TABLE_NAME'],
  'bus:publish': ['EVENT_BUS_NAME'],
  'email:send': ['SHOP_EMAIL', 'MAIL_FROM'],
  'stripe:secret': ['STRIPE_SECRET_ARN'],
  'identity:verify': ['JWT_ISSUER', 'JWT_AUDIENCE'],
  'signing:secret': ['SIGNING_SECRET_ARN'],
  'queues:operate': ['DEAD_LETTER_QUEUES'],
  'downloads:sign': ['DOWNLOADS_BUCKET'],
} as const satisfies Record<Grant, readonly string[]>;

type GrantsOf<F extends FunctionName> = (typeof functions)[F]['grants'][number];
export type FunctionConfig<F extends FunctionName> = { [S in (typeof sectionOf)[GrantsOf<F>]]: z.infer<Sections[S]> };

/**
 * The grants are read from the function's own context wiring (`loadFunctionConfig(cartWiring,
 * 'carts')`), not from the composed `#wiring`: importing that at run time would build every
 * context's schemas at each cold start.
 */
export const loadFunctionConfig = <W extends ContextWiring, F extends keyof W['functions'] & FunctionName>(
  wiring: W,
  name: F,
  env: NodeJS.ProcessEnv = process.env,
): FunctionConfig<F> => {
  const spec = wiring.functions[name];
  if (!spec) throw new Error(`The wiring given declares no function ${name}.`);
  const granted = [...new Set(spec.grants.map((g) => sectionOf[g]))];
  const missing: string[] = [];
  const config: Record<string, unknown> = {};
  for (const section of granted) {
    const parsed = sections[section].safeParse(env);
    if (parsed.success) config[section] = parsed.data;
    else missing.push(...parsed.error.issues.map((i) => i.path.join('.')));
  }
  if (missing.length > 0) throw new Error(`Configuration of ${name} is incomplete: set the environment variable(s) ${missing.join(', ')}.`);
  return config as FunctionConfig<F>;
};
