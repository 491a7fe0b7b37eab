import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/aws/bundling';
import { functions, type FunctionName, type FunctionSpec } from '#wiring';
import { functionEnvironment } from '../bench/function-env';

/**
 * The zod schemas a function builds while it loads, bundled as deployed and imported in plain Node
 * with its Lambda environment. Contracts are `deferred` (#kernel/deferred): a function of several
 * routes builds its configuration's schemas at load and a route's on that route's first request;
 * a function of one route builds its route's request schemas at load, since its first request
 * needs them anyway, and its response schema while that request waits on the network.
 */
describe('the schemas a cold start builds', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'schemas-at-start-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const builtAtLoad = (fn: FunctionName): number => {
    bundleFunction(path.resolve(import.meta.dirname, '../../functions', fn, 'handler.ts'), path.join(out, fn), functions[fn] as FunctionSpec);
    const counter = path.resolve(import.meta.dirname, '../fixtures/bundled/count-schemas.mjs');
    const run = spawnSync(process.execPath, [counter, path.join(out, fn, 'index.mjs')], { env: functionEnvironment(fn), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${fn} did not load: ${run.stderr}`);
    return Number(run.stdout);
  };

  it("by a function of several routes: its configuration's, none of its routes' (carts has 9 routes, orders 5)", () => {
    // Before contracts were deferred: carts 183, orders 228.
    for (const fn of ['carts', 'orders', 'fulfillment'] as const) {
      const built = builtAtLoad(fn);
      expect({ fn, configurationOnly: built > 0 && built <= 30 }).toEqual({ fn, configurationOnly: true });
    }
  }, 60_000);

  it("by a function of one route: that route's request schemas, not its response's (checkout: its body, not the placed order)", () => {
    // Before the response was built while the first request waits: 244, of which the placed order 180.
    const built = builtAtLoad('checkout');
    expect({ requestSchemasBuilt: built > 20, responseLeftForTheRequest: built < 150 }).toEqual({ requestSchemasBuilt: true, responseLeftForTheRequest: true });
  }, 60_000);
});
