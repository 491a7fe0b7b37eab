import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsOf } from '../../infra/aws/bundling';
import { functions, type FunctionName, type FunctionSpec } from '#wiring';

/**
 * Download links are presigned with SigV4 alone (`shared/fulfillment/adapters/s3-download-links.ts`):
 * the S3 client weighed about 250 KB in every function that signs them (issue 15). Built as in
 * `bundles.test.ts`, with the deployed esbuild options; every output counts, lazily loaded chunks too.
 */

const root = path.resolve(import.meta.dirname, '../..');
const names = Object.keys(functions) as FunctionName[];
const inputs = new Map<FunctionName, string[]>();

const bundledInputs = async (fn: FunctionName): Promise<string[]> => {
  const { metafile } = await build({
    ...esbuildOptionsOf(functions[fn] as FunctionSpec),
    entryPoints: [path.join(root, 'functions', fn, 'handler.ts')],
    outdir: path.join(root, '.local', 'bundles-s3-test', fn),
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return Object.values((metafile as Metafile).outputs).flatMap((output) => Object.keys(output.inputs));
};

const holds = (fn: FunctionName, fragment: string) => inputs.get(fn)!.some((file) => file.includes(fragment));
const signsDownloads = (fn: FunctionName) => (functions[fn] as FunctionSpec).grants.includes('downloads:sign');

describe('S3 in the bundles', () => {
  beforeAll(async () => {
    for (const fn of names) inputs.set(fn, await bundledInputs(fn));
  }, 120_000);

  it('no function bundles the S3 client nor its presigner', () => {
    for (const fn of names) {
      expect({ fn, s3Client: holds(fn, '@aws-sdk/client-s3/'), presigner: holds(fn, '@aws-sdk/s3-request-presigner/') }).toEqual({ fn, s3Client: false, presigner: false });
    }
  });

  it('the functions that sign download links still bundle the signer that replaced it', () => {
    const signers = names.filter(signsDownloads);
    expect(signers).toEqual(expect.arrayContaining(['downloads', 'notifications']));
    for (const fn of signers) {
      expect({ fn, signer: holds(fn, 'shared/fulfillment/adapters/s3-download-links.ts') }).toEqual({ fn, signer: true });
    }
  });
});
