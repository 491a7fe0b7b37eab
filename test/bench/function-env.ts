/**
 * The environment a function starts with in Lambda, built from nothing (as `env -i` would): the
 * variables Lambda itself sets, the ones the CDK stack sets (`CommerceFunction` and the grants'
 * `grantEnvironment`), and nothing of this machine's (no `NODE_EXTRA_CA_CERTS`, which adds tens of
 * milliseconds to every Node start and would hide real differences). Secrets that Lambda fetches
 * from Secrets Manager at load are given as their local variants (what `infra/local` sets), so
 * importing a handler never touches the network.
 */
import { grantEnvironment } from '#runtime/config';
import { functions, type FunctionName, type FunctionSpec, type Grant } from '#wiring';

/** What the stack's ARN-valued variables become locally (see `shared/runtime/config.ts`). */
const localVariants: Record<string, Record<string, string>> = {
  STRIPE_SECRET_ARN: { STRIPE_SECRET_KEY: 'sk_test_bench', STRIPE_WEBHOOK_SECRET: 'whsec_bench' },
  SIGNING_SECRET_ARN: { SIGNING_SECRET: 'bench-signing-key-0123456789' },
};

/** Plausible values for the other variables the grants bring. */
const values: Record<string, string> = {
  TABLE_NAME: 'commerce',
  IDEMPOTENCY_TABLE_NAME: 'commerce-idempotency',
  EVENT_BUS_NAME: 'commerce',
  SHOP_EMAIL: 'shop@example.com',
  MAIL_FROM: 'shop@example.com',
  JWT_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bench',
  JWT_AUDIENCE: 'bench-client',
  DEAD_LETTER_QUEUES: '[]',
  DOWNLOADS_BUCKET: 'bench-downloads',
};

/** What Lambda sets in every Node.js execution environment (credentials are dummies: nothing is called). */
const lambdaBase = (fn: string, memoryMB: number): Record<string, string> => ({
  AWS_REGION: 'eu-west-3',
  AWS_DEFAULT_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: fn,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMB),
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  LANG: 'en_US.UTF-8',
  TZ: ':UTC',
  // Lambda runs Node 24; this machine may run 20, where the SDK prints a notice Lambda never shows.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

export const memoryOf = (fn: FunctionName): number => (functions[fn] as FunctionSpec).memoryMB ?? 512;

export const grantsOf = (fn: FunctionName): readonly Grant[] => (functions[fn] as FunctionSpec).grants;

/** The function's Lambda environment, as `CommerceFunction` sets it (no `NODE_OPTIONS`: see `infra/aws/bundling.ts`). */
export const functionEnvironment = (fn: FunctionName): Record<string, string> => {
  const env: Record<string, string> = { ...lambdaBase(fn, memoryOf(fn)), POWERTOOLS_SERVICE_NAME: fn };
  for (const grant of grantsOf(fn)) {
    for (const name of grantEnvironment[grant]) {
      const local = localVariants[name];
      if (local) Object.assign(env, local);
      else if (values[name] !== undefined) env[name] = values[name];
      else throw new Error(`The bench has no value for ${name} (grant ${grant}): add one to test/bench/function-env.ts.`);
    }
  }
  return env;
};

/** A floor's environment: Lambda's own variables, nothing else. */
export const floorEnvironment = (): Record<string, string> => lambdaBase('floor', 512);
