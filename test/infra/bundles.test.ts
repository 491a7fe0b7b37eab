import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsOf } from '../../infra/aws/bundling';
import { contextOf, functions, type FunctionName, type FunctionSpec } from '#wiring';

/**
 * What each function's bundle holds, built with the deployed esbuild options. Every module in a
 * bundle is parsed at each cold start, run or not: these guard the import chains that used to
 * bring every context's schemas, or an SDK, into functions that never use them (issue 15).
 */

const root = path.resolve(import.meta.dirname, '../..');
const names = Object.keys(functions) as FunctionName[];
const inputs = new Map<FunctionName, string[]>();

const bundledInputs = async (fn: FunctionName): Promise<string[]> => {
  const { metafile } = await build({
    ...esbuildOptionsOf(functions[fn] as FunctionSpec),
    entryPoints: [path.join(root, 'functions', fn, 'handler.ts')],
    outfile: path.join(root, '.local', 'bundles-test', fn, 'index.mjs'),
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return Object.keys(Object.values((metafile as Metafile).outputs)[0]!.inputs);
};

const holds = (fn: FunctionName, fragment: string) => inputs.get(fn)!.some((file) => file.includes(fragment));
const grants = (fn: FunctionName) => (functions[fn] as FunctionSpec).grants;

describe("what a function's bundle holds", () => {
  beforeAll(async () => {
    for (const fn of names) inputs.set(fn, await bundledInputs(fn));
  }, 120_000);

  it('never the composed wiring: a function reads its own context wiring, and builds only the schemas it may use', () => {
    for (const fn of names) expect({ fn, composed: holds(fn, 'shared/wiring.ts') }).toEqual({ fn, composed: false });
  });

  it("the routes of its own context when it serves HTTP, none otherwise: a worker's configuration reads its context's functions", () => {
    for (const fn of names) {
      const wirings = inputs.get(fn)!.filter((file) => /^shared\/[^/]+\/wiring\.ts$/.test(file));
      const own = `shared/${contextOf(fn)}/wiring.ts`;
      expect({ fn, wirings }).toEqual({ fn, wirings: (functions[fn] as FunctionSpec).kind === 'http' ? [own] : [] });
    }
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
      const locales = inputs.get(fn)!.filter((file) => file.includes('node_modules/zod/v4/locales/'));
      const validates = holds(fn, 'shared/runtime/validate.ts') || holds(fn, 'shared/kernel/events.ts');
      expect({ fn, locales }).toEqual({ fn, locales: validates ? ['node_modules/zod/v4/locales/en.js'] : [] });
    }
  });

  it('never pdfkit: the PDF functions load it beside their bundle, on the PDF path only', () => {
    for (const fn of names) expect({ fn, pdfkit: holds(fn, 'node_modules/pdfkit/') }).toEqual({ fn, pdfkit: false });
  });
});
