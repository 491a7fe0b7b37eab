/**
 * Item 1: every function of the wiring bundled as the CDK stack bundles it (`bundleFunction` in
 * `infra/aws/bundling.ts`: split into chunks, source maps beside them), sized by what a cold start
 * loads (the entry and the chunks it imports statically; minified, and gzipped) and by the whole
 * asset, and the median time for a fresh Node process to import it with its Lambda environment.
 * Two floors are built and timed in the same run, as issue 15 defines them (one file, ESM,
 * minified, module-first): a DocumentClient alone, and the same plus a Stripe client; the
 * DocumentClient floor is also built split as the functions are, to show what splitting alone
 * buys. Runs are interleaved (bare, floors, every function, again...) so a busy machine slows all alike.
 * Each round also imports every subject once more with `cpu-time.mjs`, which prints the process's
 * CPU time: the budget is judged on wall time, as issue 15 defines it, but on a shared machine
 * that varies by some 10 % from run to run, and CPU time shows the work itself more steadily. A
 * ratio to the floor is the median, over the rounds, of a function's import against its floor's
 * imported just before it (a tenth of a second apart, where a round lasts seconds); each round
 * starts the list at another place, so that no function always comes early or late in a round.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleFunction, esbuildOptionsOf, loadedAtStart } from '../../infra/aws/bundling';
import { functions, type FunctionName, type FunctionSpec } from '#wiring';
import { floorEnvironment, functionEnvironment, grantsOf } from './function-env';
import { median, progress, round } from './stats';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const benchOut = path.join(repoRoot, '.local', 'bench');

/** The budget of issue 15: at most 5 % slower to import than its floor, at most 100 KB larger. */
export const COLD_START_BUDGET = { ratio: 1.05, extraKB: 100 } as const;

interface Bundle {
  entry: string;
  /** What a cold start loads: the entry and the chunks it imports statically. */
  bytes: number;
  gzipBytes: number;
  /** Every module of the asset, loaded at start or on a path (`import()`), source maps aside. */
  assetBytes: number;
}

export interface ColdStartRow {
  function: string;
  stripe: boolean;
  status: 'measured' | 'no handler yet';
  minKB?: number;
  gzipKB?: number;
  assetKB?: number;
  floor: 'dynamodb' | 'dynamodb+stripe';
  ms?: number;
  /** Median CPU time (user + system) of the same import. */
  cpuMs?: number;
  /** The same import with `--enable-source-maps`, which the functions no longer run with: what it would cost. */
  msWithSourceMaps?: number;
  /**
   * The median of the imports of its floor paired with its own (each just before it): what
   * `ratioToFloor` divides by, round by round. It is not the floor's row: that row is the median of
   * the floor's own imports, taken at other moments of the run.
   */
  floorMsPaired?: number;
  /** The median, over the rounds, of its import's time over its paired floor's. */
  ratioToFloor?: number;
  /** The same, in CPU time. */
  floorCpuMsPaired?: number;
  /** The ratio of CPU times: a steadier reading of the same budget. */
  cpuRatioToFloor?: number;
  ratioToBare?: number;
  extraKB?: number;
  withinTime?: boolean;
  /** The same budget read in CPU time. */
  withinCpuTime?: boolean;
  withinSize?: boolean;
}

type FloorName = 'dynamodb' | 'dynamodb+stripe' | 'dynamodb, split';

export interface ColdStartResult {
  node: string;
  runs: number;
  bareMs: number;
  floors: Record<FloorName, { minKB: number; gzipKB: number; ms: number; cpuMs: number; ratioToBare: number }>;
  rows: ColdStartRow[];
}

const modulesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => /\.(m?js|cjs)$/.test(f) && statSync(f).isFile());

const sized = (entry: string, atStart: string[], all: string[]): Bundle => {
  const code = Buffer.concat(atStart.map((f) => readFileSync(f)));
  return { entry, bytes: code.length, gzipBytes: gzipSync(code).length, assetBytes: all.reduce((sum, f) => sum + statSync(f).size, 0) };
};

/** A floor as issue 15 defines it: one file, the deployed esbuild options otherwise. */
const floorBundle = async (source: string, outdir: string): Promise<Bundle> => {
  const outfile = path.join(outdir, 'index.mjs');
  await build({ ...esbuildOptionsOf({}), entryPoints: [source], outfile, logLevel: 'error' });
  return sized(outfile, [outfile], [outfile]);
};

/** A function, or a floor, bundled exactly as the stack bundles it. */
const deployedBundle = (source: string, outdir: string, spec: Pick<FunctionSpec, 'pdf'> = {}): Bundle => {
  const metafile = bundleFunction(source, outdir, spec);
  return sized(path.join(outdir, 'index.mjs'), loadedAtStart(metafile, outdir), modulesUnder(outdir));
};

const timeImport = (args: string[], env: Record<string, string>): number => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
};

const cpuHook = path.join(import.meta.dirname, 'cpu-time.mjs');

/** The CPU time (ms) a fresh process spends importing, as `cpu-time.mjs` reports it at exit. */
const cpuOfImport = (args: string[], env: Record<string, string>): number => {
  const result = spawnSync(process.execPath, ['--import', cpuHook, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const reported = /cpu-ms ([\d.]+)/.exec(result.stderr.toString());
  if (result.status !== 0 || !reported) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return Number(reported[1]);
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
  progress(`bundling ${present.length} functions and 3 floors with the deployed esbuild options`);
  const floorBundles: Record<FloorName, Bundle> = {
    dynamodb: await floorBundle(path.join(import.meta.dirname, 'floors', 'dynamodb.ts'), path.join(out, 'floor-dynamodb')),
    'dynamodb+stripe': await floorBundle(path.join(import.meta.dirname, 'floors', 'stripe.ts'), path.join(out, 'floor-stripe')),
    'dynamodb, split': deployedBundle(path.join(import.meta.dirname, 'floors', 'dynamodb.ts'), path.join(out, 'floor-dynamodb-split')),
  };
  const bundles = new Map<FunctionName, Bundle>(present.map((fn) => [fn, deployedBundle(handlerPath(fn), path.join(out, fn), functions[fn] as FunctionSpec)] as const));

  // Every subject, timed once per round; rounds repeat `runs` times.
  const floorEnv = floorEnvironment();
  const subjects: { key: string; args: string[]; env: Record<string, string> }[] = [
    { key: 'bare', args: ['-e', ''], env: floorEnv },
    { key: 'floor:dynamodb', args: [floorBundles.dynamodb.entry], env: floorEnv },
    { key: 'floor:dynamodb+stripe', args: [floorBundles['dynamodb+stripe'].entry], env: floorEnv },
    { key: 'floor:dynamodb, split', args: [floorBundles['dynamodb, split'].entry], env: floorEnv },
  ];
  for (const [fn, b] of bundles) {
    const env = functionEnvironment(fn);
    subjects.push({ key: fn, args: [b.entry], env }, { key: `${fn}:maps`, args: [b.entry], env: { ...env, NODE_OPTIONS: '--enable-source-maps' } });
  }
  progress(`timing ${subjects.length} imports × ${runs} interleaved runs (clean environment, Node ${process.version})`);
  // Warm the file cache (and fail fast on a broken bundle) before the counted runs; a single quick run skips it.
  if (runs > 1) for (const s of subjects) timeImport(s.args, s.env);
  const samples = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  const cpuSamples = new Map<string, number[]>(subjects.filter((s) => !s.key.endsWith(':maps')).map((s) => [s.key, []]));
  // Each function's floor, imported just before it: `<fn>:floor` holds those imports.
  const floorOf = new Map(
    [...bundles.keys()].map((fn) => [fn, subjects.find((s) => s.key === `floor:${usesStripe(fn) ? 'dynamodb+stripe' : 'dynamodb'}`)!] as const),
  );
  for (const fn of floorOf.keys()) {
    samples.set(`${fn}:floor`, []);
    cpuSamples.set(`${fn}:floor`, []);
  }
  const timed = (s: (typeof subjects)[number], take: (args: string[], env: Record<string, string>) => number, into: Map<string, number[]>) => {
    const floor = floorOf.get(s.key as FunctionName);
    if (floor) into.get(`${s.key}:floor`)!.push(take(floor.args, floor.env));
    into.get(s.key)?.push(take(s.args, s.env));
  };
  for (let i = 0; i < runs; i++) {
    const start = (i * 7) % subjects.length;
    const order = [...subjects.slice(start), ...subjects.slice(0, start)];
    for (const s of order) timed(s, timeImport, samples);
    for (const s of order) if (cpuSamples.has(s.key)) timed(s, cpuOfImport, cpuSamples);
  }
  const ms = (key: string) => median(samples.get(key)!);
  const cpuMs = (key: string) => median(cpuSamples.get(key)!);
  // Each import against its floor's just before it, then the median of those ratios: a slow spell
  // of the machine (seconds long, on a shared one) then slows both sides of a ratio alike.
  const pairedRatio = (of: Map<string, number[]>, key: string) => {
    const floorRuns = of.get(`${key}:floor`)!;
    return median(of.get(key)!.map((value, round) => value / floorRuns[round]!));
  };

  const bareMs = ms('bare');
  const floors = Object.fromEntries(
    (['dynamodb', 'dynamodb+stripe', 'dynamodb, split'] as const).map((f) => [f, { minKB: kb(floorBundles[f].bytes), gzipKB: kb(floorBundles[f].gzipBytes), ms: round(ms(`floor:${f}`)), cpuMs: round(cpuMs(`floor:${f}`)), ratioToBare: round(ms(`floor:${f}`) / bareMs, 2) }]),
  ) as ColdStartResult['floors'];
  const rows = names.map((fn): ColdStartRow => {
    const floor = usesStripe(fn) ? 'dynamodb+stripe' : 'dynamodb';
    const b = bundles.get(fn);
    if (!b) return { function: fn, stripe: usesStripe(fn), status: 'no handler yet', floor };
    const fnMs = ms(fn);
    const ratio = pairedRatio(samples, fn);
    const cpuRatio = pairedRatio(cpuSamples, fn);
    const extraKB = (b.bytes - floorBundles[floor].bytes) / 1024;
    return {
      function: fn,
      stripe: usesStripe(fn),
      status: 'measured',
      minKB: kb(b.bytes),
      gzipKB: kb(b.gzipBytes),
      assetKB: kb(b.assetBytes),
      floor,
      ms: round(fnMs),
      cpuMs: round(cpuMs(fn)),
      msWithSourceMaps: round(ms(`${fn}:maps`)),
      floorMsPaired: round(ms(`${fn}:floor`)),
      floorCpuMsPaired: round(cpuMs(`${fn}:floor`)),
      // Three digits: the budget is 1.05, and 1.053 must not print as a failing 1.05.
      ratioToFloor: round(ratio, 3),
      cpuRatioToFloor: round(cpuRatio, 3),
      ratioToBare: round(fnMs / bareMs, 2),
      extraKB: round(extraKB, 0),
      withinTime: ratio <= COLD_START_BUDGET.ratio,
      withinCpuTime: cpuRatio <= COLD_START_BUDGET.ratio,
      withinSize: extraKB <= COLD_START_BUDGET.extraKB,
    };
  });
  return { node: process.version, runs, bareMs: round(bareMs), floors, rows };
};
