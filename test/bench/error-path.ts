/**
 * Item 5: the p99 of a request answered 400 against the p99 of a good one (budget ≤ 1.5×), with
 * add-to-cart: a bad body (`quantity: "one"`) against a good one. Measured twice: through the
 * local runtime's HTTP API, and on the deployed bundle in a fresh Node process with its Lambda
 * environment, as deployed (no `--enable-source-maps`: a 400 logs no stack) and with it (what the
 * flag would cost the error path).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalRuntime } from '../../infra/local/runtime';
import { benchOut } from './cold-starts';
import { functionEnvironment } from './function-env';
import { benchShopper } from './shopper';
import { percentile, round } from './stats';

export const ERROR_PATH_BUDGET = 1.5;

export interface ErrorPathFigure {
  where: string;
  requests: number;
  goodP99: number;
  badP99: number;
  ratio: number;
  withinBudget: boolean;
}

const figure = (where: string, good: number[], bad: number[]): ErrorPathFigure => {
  const goodP99 = percentile(good, 99);
  const badP99 = percentile(bad, 99);
  return { where, requests: good.length + bad.length, goodP99: round(goodP99, 2), badP99: round(badP99, 2), ratio: round(badP99 / goodP99, 2), withinBudget: badP99 / goodP99 <= ERROR_PATH_BUDGET };
};

export const measureErrorPath = async (runtime: LocalRuntime, count: number): Promise<ErrorPathFigure[]> => {
  const shop = benchShopper(runtime);
  const cart = await shop.createCart();
  const sku = 'EBOOK-MISERABLES';
  const good: number[] = [];
  const bad: number[] = [];
  const put = (body: unknown) => shop.api('PUT', `/carts/${cart.id}/items/${sku}`, { body, headers: cart.headers });
  for (let i = 0; i < count + 20; i++) {
    const ok = await put({ quantity: 1 });
    const ko = await put({ quantity: 'one' });
    if (ok.status !== 200 || ko.status !== 400) throw new Error(`error path: expected 200 and 400, got ${ok.status} and ${ko.status}`);
    if (i < 20) continue; // warm-up
    good.push(ok.ms);
    bad.push(ko.ms);
  }
  const figures = [figure('local runtime, HTTP', good, bad)];

  const bundle = path.join(benchOut, 'bundles', 'carts', 'index.mjs');
  const env: Record<string, string> = { ...functionEnvironment('carts'), AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
  for (const [where, childEnv] of [
    ['carts bundle, no --enable-source-maps (deployed)', env],
    ['carts bundle, --enable-source-maps', { ...env, NODE_OPTIONS: '--enable-source-maps' }],
  ] as const) {
    const out = path.join(benchOut, `error-path-${figures.length}.json`);
    const driver = path.join(import.meta.dirname, 'error-path-driver.mjs');
    const run = spawnSync(process.execPath, [driver, bundle, out, cart.id, cart.headers['x-cart-token']!, sku, String(count)], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    if (run.status !== 0) throw new Error(`error-path driver failed: ${run.stderr.toString().slice(0, 500)}`);
    const times = JSON.parse(readFileSync(out, 'utf8')) as { good: number[]; bad: number[] };
    figures.push(figure(where, times.good, times.bad));
  }
  return figures;
};
