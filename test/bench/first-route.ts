/**
 * Item 1, what an import leaves to the first request. Contracts are deferred (`#kernel/deferred`):
 * a route's schemas are built when that route is first taken. Its request schemas (path, query,
 * body) are built before its handler runs, on the request's path: for a function of several
 * routes, on top of the import measured in `cold-starts.ts`; a function of one route builds them
 * at load, in its import already. Its response schema is built while the handler waits on the
 * network (`buildWhileWaiting` in http.ts), so it delays the request only if the handler needs less
 * time than that. For every route, a fresh process imports its context's routes (bundled with the
 * deployed options) and times both builds, as that first request makes them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsOf } from '../../infra/aws/bundling';
import { contextOf, routes, type FunctionName } from '#wiring';
import { benchOut, repoRoot, type ColdStartRow } from './cold-starts';
import { functionEnvironment } from './function-env';
import { median, progress, round } from './stats';

export interface FirstRouteRow {
  function: string;
  routes: number;
  /** The route whose first request builds the most before its handler runs, and what it builds. */
  slowestRoute: string;
  /** Its request schemas, before the handler; 0 for a function of one route (built at load). */
  ms: number;
  schemas: number;
  /** The largest response schema among the function's routes, built while a handler waits. */
  responseMs: number;
  responseSchemas: number;
  /** Its import (section 1) plus `ms`: what its slowest route's first request waits for before its handler runs; n/a without an import measured. */
  importPlusRequestMs?: number | 'n/a';
  /** Its floor's paired median (section 1's `floorMsPaired`), which `ratioToFloor` divides `ms` by. */
  floorMsPaired?: number | 'n/a';
  /** Section 1's ratio to the floor plus `ms` over the paired floor: the import's ratio, computed as section 1's, and the request's share. */
  ratioToFloor?: number | 'n/a';
}

/**
 * Each row with its function's import (section 1): the import's ratio to its floor is section 1's
 * (the median of paired ratios), and the request's schemas add `ms` over the same paired floor, so
 * that a function of one route (`ms` 0) shows section 1's ratio, and every figure can be checked
 * from the printed ones.
 */
export const withImport = (rows: readonly FirstRouteRow[], imports: readonly Pick<ColdStartRow, 'function' | 'ms' | 'floorMsPaired' | 'ratioToFloor'>[]): FirstRouteRow[] =>
  rows.map((row) => {
    const cold = imports.find((f) => f.function === row.function);
    if (cold?.ms === undefined || cold.floorMsPaired === undefined || cold.ratioToFloor === undefined) return { ...row, importPlusRequestMs: 'n/a', floorMsPaired: 'n/a', ratioToFloor: 'n/a' };
    return { ...row, importPlusRequestMs: round(cold.ms + row.ms), floorMsPaired: cold.floorMsPaired, ratioToFloor: round(cold.ratioToFloor + row.ms / cold.floorMsPaired, 3) };
  });

/**
 * Loads a function's configuration as the function does at load (so zod is as warm as it is
 * then), then builds one route's request schemas, then its response schema, and prints the time
 * and how many schemas zod built for each.
 */
const entrySource = (context: string) => `
import { buildNow } from ${JSON.stringify(path.join(repoRoot, 'shared/kernel/deferred.ts'))};
import { loadFunctionConfig } from ${JSON.stringify(path.join(repoRoot, 'shared/runtime/config.ts'))};
import { requestSchemasOf } from ${JSON.stringify(path.join(repoRoot, 'shared/runtime/route-schemas.ts'))};
import * as contextFunctions from ${JSON.stringify(path.join(repoRoot, 'shared', context, 'functions.ts'))};
import * as groups from ${JSON.stringify(path.join(repoRoot, 'shared', context, 'routes.ts'))};
const [fn, key] = process.argv.slice(2);
loadFunctionConfig(Object.values(contextFunctions).find((specs) => specs && typeof specs === 'object' && fn in specs), fn);
const route = Object.values(groups).map((group) => group[key]).find(Boolean);
if (!route) throw new Error('No route ' + key);
let schemas = 0;
Object.assign(globalThis.__zod_globalConfig, { postProcessor: () => void schemas++ });
const timed = (value) => {
  schemas = 0;
  const started = performance.now();
  buildNow(value);
  return { ms: performance.now() - started, schemas };
};
const request = timed(requestSchemasOf(route));
const response = timed(route.response.schema);
process.stdout.write(JSON.stringify({ request, response }));
`;

interface Built {
  ms: number;
  schemas: number;
}

const firstBuild = (bundle: string, fn: FunctionName, route: string): { request: Built; response: Built } => {
  const run = spawnSync(process.execPath, [bundle, fn, route], { env: functionEnvironment(fn), encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`building the schemas of ${route} failed: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout) as { request: Built; response: Built };
};

export const measureFirstRoutes = async (runs: number): Promise<FirstRouteRow[]> => {
  const out = path.join(benchOut, 'first-route');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const byFunction = new Map<FunctionName, string[]>();
  for (const [key, route] of Object.entries(routes)) byFunction.set(route.function as FunctionName, [...(byFunction.get(route.function as FunctionName) ?? []), key]);
  progress(`timing the first request's schemas of ${Object.keys(routes).length} routes × ${runs} fresh processes`);
  const bundles = new Map<string, string>();
  const rows: FirstRouteRow[] = [];
  for (const [fn, keys] of byFunction) {
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
      return {
        key,
        request: { ms: median(samples.map((s) => s.request.ms)), schemas: samples[0]!.request.schemas },
        response: { ms: median(samples.map((s) => s.response.ms)), schemas: samples[0]!.response.schemas },
      };
    });
    const slowest = measured.reduce((a, b) => (b.request.ms > a.request.ms ? b : a));
    const largestResponse = measured.reduce((a, b) => (b.response.ms > a.response.ms ? b : a));
    const atLoad = keys.length === 1;
    rows.push({
      function: fn,
      routes: keys.length,
      slowestRoute: slowest.key,
      ms: atLoad ? 0 : round(slowest.request.ms),
      schemas: atLoad ? 0 : slowest.request.schemas,
      responseMs: round(largestResponse.response.ms),
      responseSchemas: largestResponse.response.schemas,
    });
  }
  return rows;
};
