/**
 * Item 1: every function of the wiring bundled as the CDK stack bundles it (the same esbuild
 * options, `infra/aws/bundling.ts`, with its linked source map), sized minified and gzipped, and
 * the median time for a fresh Node process to import it with its Lambda environment. Two floors
 * are built and timed in the same run: a DocumentClient alone, and the same plus a Stripe client.
 * Runs are interleaved (bare, floors, every function, again...) so a busy machine slows all alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundling, esbuildOptionsOf } from '../../infra/aws/bundling';
import { functions, type FunctionName, type FunctionSpec } from '#wiring';
import { floorEnvironment, functionEnvironment, grantsOf } from './function-env';
import { median, progress, round } from './stats';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const benchOut = path.join(repoRoot, '.local', 'bench');

/** The budget of issue 15: at most 5 % slower to import than its floor, at most 100 KB larger. */
export const COLD_START_BUDGET = { ratio: 1.05, extraKB: 100 } as const;

interface Bundle {
  outfile: string;
  bytes: number;
  gzipBytes: number;
}

export interface ColdStartRow {
  function: string;
  stripe: boolean;
  status: 'measured' | 'no handler yet';
  minKB?: number;
  gzipKB?: number;
  floor: 'dynamodb' | 'dynamodb+stripe';
  ms?: number;
  msWithoutSourceMaps?: number;
  ratioToFloor?: number;
  ratioToBare?: number;
  extraKB?: number;
  withinTime?: boolean;
  withinSize?: boolean;
}

export interface ColdStartResult {
  node: string;
  runs: number;
  bareMs: number;
  floors: Record<'dynamodb' | 'dynamodb+stripe', { minKB: number; gzipKB: number; ms: number; ratioToBare: number }>;
  rows: ColdStartRow[];
}

const bundle = async (entry: string, outfile: string, sourceMap: boolean, spec: Pick<FunctionSpec, 'pdf'> = {}): Promise<Bundle> => {
  await build({
    // A PDF function's bundle leaves pdfkit out (it goes beside it, loaded by the PDF path only).
    ...esbuildOptionsOf(spec),
    // As `NodejsFunction` with `sourceMap: true, sourcesContent: false`: a linked .map beside the bundle.
    ...(sourceMap && { sourcemap: bundling.sourceMap, sourcesContent: bundling.sourcesContent }),
    entryPoints: [entry],
    outfile,
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: code.length, gzipBytes: gzipSync(code).length };
};

const timeImport = (args: string[], env: Record<string, string>): number => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
};

const kb = (bytes: number) => round(bytes / 1024, 0);

export const usesStripe = (fn: FunctionName): boolean => grantsOf(fn).includes('stripe:secret');

export const handlerPath = (fn: string): string => path.join(repoRoot, 'functions', fn, 'handler.ts');

export const measureColdStarts = async (runs: number): Promise<ColdStartResult> => {
  const out = path.join(benchOut, 'bundles');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const names = Object.keys(functions) as FunctionName[];
  const present = names.filter((fn) => existsSync(handlerPath(fn)));
  progress(`bundling ${present.length} functions and 2 floors with the deployed esbuild options`);
  const floorBundles = {
    dynamodb: await bundle(path.join(import.meta.dirname, 'floors', 'dynamodb.ts'), path.join(out, 'floor-dynamodb', 'index.mjs'), false),
    'dynamodb+stripe': await bundle(path.join(import.meta.dirname, 'floors', 'stripe.ts'), path.join(out, 'floor-stripe', 'index.mjs'), false),
  };
  const bundles = new Map<FunctionName, Bundle>(await Promise.all(present.map(async (fn) => [fn, await bundle(handlerPath(fn), path.join(out, fn, 'index.mjs'), true, functions[fn] as FunctionSpec)] as const)));

  // Every subject, timed once per round; rounds repeat `runs` times.
  const floorEnv = floorEnvironment();
  const subjects: { key: string; args: string[]; env: Record<string, string> }[] = [
    { key: 'bare', args: ['-e', ''], env: floorEnv },
    { key: 'floor:dynamodb', args: [floorBundles.dynamodb.outfile], env: floorEnv },
    { key: 'floor:dynamodb+stripe', args: [floorBundles['dynamodb+stripe'].outfile], env: floorEnv },
  ];
  for (const [fn, b] of bundles) {
    const env = functionEnvironment(fn);
    const { NODE_OPTIONS: _, ...withoutMaps } = env;
    subjects.push({ key: fn, args: [b.outfile], env }, { key: `${fn}:no-maps`, args: [b.outfile], env: withoutMaps });
  }
  progress(`timing ${subjects.length} imports × ${runs} interleaved runs (clean environment, Node ${process.version})`);
  // Warm the file cache (and fail fast on a broken bundle) before the counted runs; a single quick run skips it.
  if (runs > 1) for (const s of subjects) timeImport(s.args, s.env);
  const samples = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  for (let i = 0; i < runs; i++) for (const s of subjects) samples.get(s.key)!.push(timeImport(s.args, s.env));
  const ms = (key: string) => median(samples.get(key)!);

  const bareMs = ms('bare');
  const floors = Object.fromEntries(
    (['dynamodb', 'dynamodb+stripe'] as const).map((f) => [f, { minKB: kb(floorBundles[f].bytes), gzipKB: kb(floorBundles[f].gzipBytes), ms: round(ms(`floor:${f}`)), ratioToBare: round(ms(`floor:${f}`) / bareMs, 2) }]),
  ) as ColdStartResult['floors'];
  const rows = names.map((fn): ColdStartRow => {
    const floor = usesStripe(fn) ? 'dynamodb+stripe' : 'dynamodb';
    const b = bundles.get(fn);
    if (!b) return { function: fn, stripe: usesStripe(fn), status: 'no handler yet', floor };
    const fnMs = ms(fn);
    const ratio = fnMs / ms(`floor:${floor}`);
    const extraKB = (b.bytes - floorBundles[floor].bytes) / 1024;
    return {
      function: fn,
      stripe: usesStripe(fn),
      status: 'measured',
      minKB: kb(b.bytes),
      gzipKB: kb(b.gzipBytes),
      floor,
      ms: round(fnMs),
      msWithoutSourceMaps: round(ms(`${fn}:no-maps`)),
      ratioToFloor: round(ratio, 2),
      ratioToBare: round(fnMs / bareMs, 2),
      extraKB: round(extraKB, 0),
      withinTime: ratio <= COLD_START_BUDGET.ratio,
      withinSize: extraKB <= COLD_START_BUDGET.extraKB,
    };
  });
  return { node: process.version, runs, bareMs: round(bareMs), floors, rows };
};
