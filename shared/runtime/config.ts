import * as z from 'zod/mini';
import type { FunctionSpec, Grant } from './wiring-spec';
import type { functions, FunctionName } from '#wiring';

// Shared by the sections (a zod schema is immutable): built once, not once per variable.
const nonEmpty = z.string().check(z.minLength(1));
const optionalNonEmpty = z.optional(nonEmpty);

/**
 * Each function's configuration, read once at load from the environment its grants bring, and
 * nothing else: a function that was not granted the bus has no `bus` section to read, so a
 * missing grant fails to compile instead of failing in AWS. A missing variable fails at load
 * with a sentence naming it.
 *
 * Each section's schema is built only for a function granted it: a cold start builds a few, not all.
 * Only the issues' paths are read, never their messages: so no locale is loaded here, and the
 * outbox relay, which validates nothing else, bundles none (see zod-locale.ts in the kernel).
 */
const sections = {
  table: () => z.object({ TABLE_NAME: nonEmpty }),
  idempotency: () => z.object({ IDEMPOTENCY_TABLE_NAME: nonEmpty }),
  bus: () => z.object({ EVENT_BUS_NAME: nonEmpty }),
  email: () => z.object({ SHOP_EMAIL: z.email(), MAIL_FROM: z.email() }),
  // In AWS the keys are read from Secrets Manager at cold start (`STRIPE_SECRET_ARN`); locally
  // `STRIPE_SECRET_KEY` / `STRIPE_WEBHOOK_SECRET` and the emulator's address are set instead.
  stripe: () => z.object({
    STRIPE_SECRET_ARN: optionalNonEmpty,
    STRIPE_SECRET_KEY: z.optional(z.string().check(z.startsWith('sk_'))),
    STRIPE_WEBHOOK_SECRET: z.optional(z.string()),
    STRIPE_API_HOST: z.optional(z.string()),
    STRIPE_API_PORT: z.optional(z.coerce.number().check(z.int())),
    STRIPE_API_PROTOCOL: z.optional(z.enum(['http', 'https'])),
  }),
  identity: () => z.object({
    JWT_ISSUER: nonEmpty,
    JWT_AUDIENCE: nonEmpty,
    // Locally the issuer is not on HTTPS: the runtime hands its keys here instead.
    JWT_JWKS: z.optional(z.string()),
  }),
  // The key that signs cursors and derives order tokens: from Secrets Manager in AWS, from
  // `SIGNING_SECRET` locally.
  signing: () => z.object({ SIGNING_SECRET_ARN: optionalNonEmpty, SIGNING_SECRET: z.optional(z.string().check(z.minLength(16))) }),
  // Every worker queue and its DLQ, as JSON `[{ name, queueArn, deadLetterUrl, deadLetterArn }]`.
  queues: () => z.object({ DEAD_LETTER_QUEUES: z.string().check(z.minLength(2)) }),
  // Digital goods: the private bucket in AWS; locally the runtime's address, which serves signed
  // links from its folder of sample files instead (with the signing key).
  downloads: () => z.object({ DOWNLOADS_BUCKET: optionalNonEmpty, DOWNLOADS_BASE_URL: z.optional(z.url()) }),
} as const;

type Sections = { [S in keyof typeof sections]: ReturnType<(typeof sections)[S]> };

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
 * The grants are read from the functions of the function's own context (`loadFunctionConfig(
 * cartFunctions, 'carts')`), not from the composed `#wiring` nor the context's wiring: importing
 * those at run time would build the schemas of every route at each cold start.
 */
export const loadFunctionConfig = <Fns extends Readonly<Record<string, FunctionSpec>>, F extends keyof Fns & FunctionName>(
  functions: Fns,
  name: F,
  env: NodeJS.ProcessEnv = process.env,
): FunctionConfig<F> => {
  const spec = functions[name];
  if (!spec) throw new Error(`No function ${name} among those given.`);
  const granted = [...new Set(spec.grants.map((g) => sectionOf[g]))];
  const missing: string[] = [];
  const config: Record<string, unknown> = {};
  for (const section of granted) {
    // Parsed once: zod's compiled fast path (a `new Function` per object, on its first parse) would cost more than it saves.
    const parsed = sections[section]().safeParse(env, { jitless: true });
    if (parsed.success) config[section] = parsed.data;
    else missing.push(...parsed.error.issues.map((i) => i.path.join('.')));
  }
  if (missing.length > 0) throw new Error(`Configuration of ${name} is incomplete: set the environment variable(s) ${missing.join(', ')}.`);
  return config as FunctionConfig<F>;
};
