import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, loadedAtStart } from '../../infra/aws/bundling';
import { worstStripeCallMs } from '#payments/adapters/stripe-timing';
import { contextOf, functions, type FunctionName, type FunctionSpec } from '#wiring';

/**
 * What each function's asset holds, bundled exactly as the stack deploys it (`bundleFunction`:
 * split into chunks). A module a cold start loads is parsed then, run or not; a chunk reached
 * only by `import()` waits for the path that needs it. These guard the import chains that used
 * to bring every context's schemas, or an SDK, into functions that never use them (issue 15).
 */

const root = path.resolve(import.meta.dirname, '../..');
const names = Object.keys(functions) as FunctionName[];
const out = mkdtempSync(path.join(os.tmpdir(), 'bundles-test-'));
/** Every source module in the asset, and those in what a cold start loads. */
const inputs = new Map<FunctionName, { all: string[]; atStart: string[] }>();

const bundledInputs = (fn: FunctionName) => {
  const outdir = path.join(out, fn);
  const metafile = bundleFunction(path.join(root, 'functions', fn, 'handler.ts'), outdir, functions[fn] as FunctionSpec);
  const start = new Set(loadedAtStart(metafile, outdir));
  const of = (files: string[]) => [...new Set(files.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs)))];
  const outputs = Object.keys(metafile.outputs).filter((file) => !file.endsWith('.map'));
  return { all: of(outputs), atStart: of(outputs.filter((file) => start.has(file))) };
};

const holds = (fn: FunctionName, fragment: string) => inputs.get(fn)!.all.some((file) => file.includes(fragment));
const loadsAtStart = (fn: FunctionName, fragment: string) => inputs.get(fn)!.atStart.some((file) => file.includes(fragment));
const grants = (fn: FunctionName) => (functions[fn] as FunctionSpec).grants;

describe("what a function's bundle holds", () => {
  beforeAll(() => {
    for (const fn of names) inputs.set(fn, bundledInputs(fn));
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('never the composed wiring: a function reads its own context wiring, and builds only the schemas it may use', () => {
    for (const fn of names) expect({ fn, composed: holds(fn, 'shared/wiring.ts') }).toEqual({ fn, composed: false });
  });

  it("no context's wiring: an HTTP function reads its own routes from its context's routes.ts, a worker its configuration from functions.ts", () => {
    for (const fn of names) {
      const wirings = inputs.get(fn)!.all.filter((file) => /^shared\/[^/]+\/wiring\.ts$/.test(file));
      const routes = inputs.get(fn)!.all.filter((file) => /^shared\/[^/]+\/routes\.ts$/.test(file));
      expect({ fn, wirings, routes }).toEqual({ fn, wirings: [], routes: (functions[fn] as FunctionSpec).kind === 'http' ? [`shared/${contextOf(fn)}/routes.ts`] : [] });
    }
  });

  it("the schemas of its own routes only: each group of routes, and each schema, is left out where unused", () => {
    // The customer's PDF of a credit note needs neither the returns' bodies nor the order; the
    // public catalog needs no product admin body nor any event.
    expect(holds('credit-notes', 'shared/ordering/contracts/http.ts')).toBe(false);
    expect(holds('downloads', 'shared/ordering/contracts/http.ts')).toBe(false);
    for (const fn of ['catalog', 'downloads', 'credit-notes'] as const) expect({ fn, events: holds(fn, 'contracts/events.ts') }).toEqual({ fn, events: false });
  });

  it("no module none of whose exports it uses (package.json's sideEffects): the settings' HTTP schemas only in the settings function", () => {
    // `#settings/index` re-exports them; carts, checkout and the emails read the settings through it.
    for (const fn of names) expect({ fn, schemas: holds(fn, 'shared/settings/contracts/http.ts') }).toEqual({ fn, schemas: fn === 'settings' });
  });

  it('Stripe only when granted its secret, EventBridge only when publishing, the document client only with a table', () => {
    for (const fn of names) {
      expect({ fn, stripe: holds(fn, 'node_modules/stripe/') }).toEqual({ fn, stripe: grants(fn).includes('stripe:secret') });
      expect({ fn, eventBridge: holds(fn, '@aws-sdk/client-eventbridge/') }).toEqual({ fn, eventBridge: grants(fn).includes('bus:publish') });
      const table = grants(fn).includes('table:read') || grants(fn).includes('table:write');
      expect({ fn, documentClient: holds(fn, '@aws-sdk/lib-dynamodb/') }).toEqual({ fn, documentClient: table });
    }
  });

  it("never zod's classic API: every schema is written with the mini API, which tree-shakes (about 60 KB less per bundle)", () => {
    for (const fn of names) expect({ fn, classic: holds(fn, 'node_modules/zod/v4/classic/') }).toEqual({ fn, classic: false });
  });

  it("zod's English messages, and no other language, in every function that turns issues into messages", () => {
    // The mini API loads no locale: without this every 400 would say "Invalid input".
    for (const fn of names) {
      const locales = inputs.get(fn)!.all.filter((file) => file.includes('node_modules/zod/v4/locales/'));
      const validates = holds(fn, 'shared/runtime/validate.ts') || holds(fn, 'shared/kernel/events.ts');
      expect({ fn, locales }).toEqual({ fn, locales: validates ? ['node_modules/zod/v4/locales/en.js'] : [] });
    }
  });

  it("outlasts Stripe's worst case wherever it can call Stripe, and a route answers before API Gateway's 30 s", () => {
    // Room for what the function does around its Stripe call (DynamoDB, its answer).
    const marginMs = 5_000;
    const apiGatewayMs = 30_000;
    const callers = names.filter((fn) => holds(fn, 'shared/payments/adapters/stripe-gateway.ts'));
    expect(callers.sort()).toEqual(['checkout', 'order-expiry', 'payment-reconciliation', 'payments', 'refund-deadlines', 'refund-settlement', 'refunds', 'returns-admin']);
    for (const fn of callers) {
      const spec = functions[fn] as FunctionSpec;
      // One that names no timeout gets the default, 10 s: too short, so it must name one.
      const waitedMs = Math.min((spec.timeoutSeconds ?? 0) * 1000, spec.kind === 'http' ? apiGatewayMs : Infinity);
      expect({ fn, fits: worstStripeCallMs() + marginMs <= waitedMs }).toEqual({ fn, fits: true });
    }
  });

  it('never pdfkit: the PDF functions load it beside their bundle, on the PDF path only', () => {
    for (const fn of names) expect({ fn, pdfkit: holds(fn, 'node_modules/pdfkit/') }).toEqual({ fn, pdfkit: false });
  });

  it('never the S3 client nor its presigner: download links are signed with SigV4 alone, by the functions that sign them', () => {
    for (const fn of names) {
      expect({ fn, s3Client: holds(fn, '@aws-sdk/client-s3/'), presigner: holds(fn, '@aws-sdk/s3-request-presigner/') }).toEqual({ fn, s3Client: false, presigner: false });
    }
    const signers = names.filter((fn) => grants(fn).includes('downloads:sign'));
    expect(signers).toEqual(expect.arrayContaining(['downloads', 'notifications']));
    for (const fn of signers) expect({ fn, signer: holds(fn, 'shared/fulfillment/adapters/s3-download-links.ts') }).toEqual({ fn, signer: true });
  });
});

describe('what a cold start loads', () => {
  // Lambda hands a function its role's credentials in the environment: the SDK's other providers
  // (SSO, INI files, processes, web identity, with the STS and SSO clients they need) are loaded
  // by `import()` when the chain reaches them, which in Lambda it never does.
  const unusedInLambda = ['credential-provider-sso', 'credential-provider-ini', 'credential-provider-process', 'credential-provider-web-identity', '@aws-sdk/nested-clients/'];

  it("none of the SDK's credential providers Lambda never reaches, in any function, though the asset ships them", () => {
    for (const fn of names.filter((f) => holds(f, '@aws-sdk/credential-provider-node/'))) {
      expect({ fn, loaded: unusedInLambda.filter((p) => loadsAtStart(fn, p)) }).toEqual({ fn, loaded: [] });
      expect({ fn, shipped: unusedInLambda.every((p) => holds(fn, p)) }).toEqual({ fn, shipped: true });
    }
  });

  it('no JWT library where most requests read with an order token: it is loaded by the first request that carries a bearer token', () => {
    const verifying = names.filter((fn) => holds(fn, 'shared/runtime/bearer.ts'));
    expect(verifying).toEqual(expect.arrayContaining(['orders', 'downloads', 'invoices']));
    for (const fn of verifying) expect({ fn, atStart: loadsAtStart(fn, 'node_modules/aws-jwt-verify/'), shipped: holds(fn, 'node_modules/aws-jwt-verify/') }).toEqual({ fn, atStart: false, shipped: true });
  });

  it('Stripe only where every request calls it (checkout, the webhook); elsewhere the first call to Stripe loads it', () => {
    const callers = names.filter((fn) => grants(fn).includes('stripe:secret'));
    expect(callers).toEqual(expect.arrayContaining(['checkout', 'stripe-webhook', 'payments', 'order-expiry', 'payment-reconciliation', 'returns-admin', 'refunds', 'refund-deadlines']));
    for (const fn of callers) {
      expect({ fn, atStart: loadsAtStart(fn, 'node_modules/stripe/') }).toEqual({ fn, atStart: fn === 'checkout' || fn === 'stripe-webhook' });
    }
  });

  it('no PDF layout in the invoice and credit-note functions: it loads with pdfkit, on the first PDF asked for', () => {
    for (const fn of ['invoices', 'credit-notes'] as const) {
      const layout = 'shared/payments/adapters/accounting-document-pdf.ts';
      expect({ fn, atStart: loadsAtStart(fn, layout), shipped: holds(fn, layout) }).toEqual({ fn, atStart: false, shipped: true });
    }
  });

  it('neither the OpenAPI document in the catalog (read by its own route) nor the S3 link signer in notifications (downloads emails only)', () => {
    expect({ atStart: loadsAtStart('catalog', 'functions/catalog/openapi.json'), shipped: holds('catalog', 'functions/catalog/openapi.json') }).toEqual({ atStart: false, shipped: true });
    expect({ atStart: loadsAtStart('notifications', 's3-download-links.ts'), shipped: holds('notifications', 's3-download-links.ts') }).toEqual({ atStart: false, shipped: true });
  });

  it('no SES client in notifications at start: it loads with the first event, while that event waits on DynamoDB', () => {
    const ses = 'node_modules/@aws-sdk/client-sesv2/';
    expect({ atStart: loadsAtStart('notifications', ses), shipped: holds('notifications', ses) }).toEqual({ atStart: false, shipped: true });
  });

  it("Powertools' idempotency at start where every request carries a key (checkout, refunds); where the key is optional, with the first request that sends one", () => {
    const keyed = names.filter((fn) => grants(fn).includes('idempotency'));
    expect(keyed.sort()).toEqual(['catalog-admin', 'checkout', 'refunds', 'returns']);
    const idempotency = 'node_modules/@aws-lambda-powertools/idempotency/';
    for (const fn of names) {
      expect({ fn, atStart: loadsAtStart(fn, idempotency), shipped: holds(fn, idempotency) }).toEqual({
        fn,
        atStart: fn === 'checkout' || fn === 'refunds',
        shipped: keyed.includes(fn),
      });
    }
  });

  it("no order placement in a function that only reads orders: checkout's transaction, its stock and rate-limit items", () => {
    const placement = 'shared/ordering/adapters/place-order-transaction.ts';
    const readersOnly = ['downloads', 'invoices', 'credit-notes', 'returns', 'returns-admin', 'fulfillment', 'payments', 'digital-delivery', 'refund-settlement', 'refund-deadlines'] as const;
    for (const fn of readersOnly) expect({ fn, shipped: holds(fn, placement) }).toEqual({ fn, shipped: false });
    expect(loadsAtStart('checkout', placement)).toBe(true);
  });

  it('no Secrets Manager client at start where the signing key is used on some paths only: it loads with the first token, link or cursor', () => {
    // Four check a guest's order token; notifications signs the links of three emails of twelve;
    // catalog and orders sign and check listing cursors (orders guests' tokens too); catalog-admin
    // seals the idempotency records of a stock change sent with a key.
    for (const fn of ['downloads', 'invoices', 'credit-notes', 'returns', 'notifications', 'catalog', 'orders', 'catalog-admin'] as const) {
      const client = '@aws-sdk/client-secrets-manager';
      expect({ fn, atStart: loadsAtStart(fn, client), shipped: holds(fn, client) }).toEqual({ fn, atStart: false, shipped: true });
    }
    // Where the key is read at start: checkout signs an order token on every request; refunds seals its idempotency records with it.
    for (const fn of ['checkout', 'refunds'] as const) expect({ fn, atStart: loadsAtStart(fn, '@aws-sdk/client-secrets-manager') }).toEqual({ fn, atStart: true });
  });

  it("no email's definition in notifications: each loads with the first event it tells", () => {
    const templates = readdirSync('shared/notifications/app/emails').filter((file) => file !== 'all.ts');
    expect(templates).toHaveLength(12);
    for (const file of templates) {
      const template = `shared/notifications/app/emails/${file}`;
      expect({ template, atStart: loadsAtStart('notifications', template), shipped: holds('notifications', template) }).toEqual({ template, atStart: false, shipped: true });
    }
    // What only emails use (their wording, summaries, formats) waits with them.
    expect(loadsAtStart('notifications', 'shared/notifications/domain/order-summary.ts')).toBe(false);
  });

  it('the S3 link signer with the rest of downloads, whose every request signs links: an import() at load would wait for its file alone', () => {
    expect(loadsAtStart('downloads', 's3-download-links.ts')).toBe(true);
  });
});
