/**
 * Item 1, what an import leaves to the first request. Contracts are deferred (`#kernel/deferred`):
 * a function of several routes builds a route's schemas when that route is first taken, so its
 * cold start's first request pays for them on top of the import measured in `cold-starts.ts`. For
 * every route of such a function, a fresh process imports its context's routes (bundled with the
 * deployed options) and times `buildNow` on the route, as that first request builds them. A
 * function of one route builds them at load: they are in its import time already.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsOf } from '../../infra/aws/bundling';
import { contextOf, routes, type FunctionName } from '#wiring';
import { benchOut, repoRoot } from './cold-starts';
import { functionEnvironment } from './function-env';
import { median, progress, round } from './stats';

export interface FirstRouteRow {
  function: string;
  routes: number;
  /** The route whose first request builds the most, and what it builds. */
  slowestRoute: string;
  ms: number;
  schemas: number;
}

/**
 * Loads a function's configuration as the function does at load (so zod is as warm as it is
 * then), then builds one route's schemas, and prints the time and how many schemas zod built.
 */
const entrySource = (context: string) => `
import { buildNow } from ${JSON.stringify(path.join(repoRoot, 'shared/kernel/deferred.ts'))};
import { loadFunctionConfig } from ${JSON.stringify(path.join(repoRoot, 'shared/runtime/config.ts'))};
import * as contextFunctions from ${JSON.stringify(path.join(repoRoot, 'shared', context, 'functions.ts'))};
import * as groups from ${JSON.stringify(path.join(repoRoot, 'shared', context, 'routes.ts'))};
const [fn, key] = process.argv.slice(2);
loadFunctionConfig(Object.values(contextFunctions).find((specs) => specs && typeof specs === 'object' && fn in specs), fn);
const route = Object.values(groups).map((group) => group[key]).find(Boolean);
if (!route) throw new Error('No route ' + key);
let schemas = 0;
Object.assign(globalThis.__zod_globalConfig, { postProcessor: () => void schemas++ });
const started = performance.now();
buildNow(route);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, schemas }));
`;

const firstBuild = (bundle: string, fn: FunctionName, route: string): { ms: number; schemas: number } => {
  const run = spawnSync(process.execPath, [bundle, fn, route], { env: functionEnvironment(fn), encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`building the schemas of ${route} failed: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout) as { ms: number; schemas: number };
};

export const measureFirstRoutes = async (runs: number): Promise<FirstRouteRow[]> => {
  const out = path.join(benchOut, 'first-route');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const byFunction = new Map<FunctionName, string[]>();
  for (const [key, route] of Object.entries(routes)) byFunction.set(route.function as FunctionName, [...(byFunction.get(route.function as FunctionName) ?? []), key]);
  const several = [...byFunction].filter(([, keys]) => keys.length > 1);
  progress(`timing the first request's schemas of ${several.reduce((n, [, keys]) => n + keys.length, 0)} routes × ${runs} fresh processes`);
  const bundles = new Map<string, string>();
  const rows: FirstRouteRow[] = [];
  for (const [fn, keys] of several) {
    const context = contextOf(fn);
    if (!bundles.has(context)) {
      const entry = path.join(out, `${context}.ts`);
      writeFileSync(entry, entrySource(context));
      const bundle = path.join(out, `${context}.mjs`);
      await build({ ...esbuildOptionsOf({}), entryPoints: [entry], outfile: bundle, logLevel: 'error' });
      bundles.set(context, bundle);
    }
    const measured = keys.map((key) => {
      const samples = Array.from({ length: runs }, () => firstBuild(bundles.get(context)!, fn, key));
      return { key, ms: median(samples.map((s) => s.ms)), schemas: samples[0]!.schemas };
    });
    const slowest = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
    rows.push({ function: fn, routes: keys.length, slowestRoute: slowest.key, ms: round(slowest.ms), schemas: slowest.schemas });
  }
  return rows;
};
