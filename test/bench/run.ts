/**
 * `npm run bench`: for every function, the bundle as deployed (size minified and gzipped) and
 * the median time for a fresh Node process to import it, as a ratio to a bare `node -e ''`
 * measured in the same run. Two alternatives are measured beside the deployed choice, to back
 * it with figures: the AWS SDK left external (as when taking the runtime's copy) and esbuild's
 * default `main`-first entry points (CommonJS) instead of `module`-first.
 *
 * BENCH_RUNS (default 15) sets the runs per measurement; runs are interleaved so that a busy
 * machine slows every variant alike. Then the local runtime's checkout and payment latencies
 * (BENCH_ORDERS orders, default 30).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/aws/bundling';
import { functions, type FunctionName } from '#wiring';
import { measurePaymentLatency } from './payment-latency';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outRoot = path.join(root, '.local', 'bench');
const runs = Number(process.env.BENCH_RUNS ?? 15);

interface Variant {
  name: string;
  options: Partial<Parameters<typeof build>[0]>;
}
const variants: Variant[] = [
  { name: 'deployed', options: {} },
  { name: 'sdk-external', options: { external: ['@aws-sdk/*', '@smithy/*'] } },
  { name: 'main-first', options: { mainFields: ['main', 'module'] } },
];

// What the handlers read at load; no network is touched while importing.
const env = {
  ...process.env,
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  IDEMPOTENCY_TABLE_NAME: 'bench-idempotency',
  EVENT_BUS_NAME: 'commerce',
  SHOP_EMAIL: 'shop@example.com',
  MAIL_FROM: 'shop@example.com',
  STRIPE_SECRET_KEY: 'sk_test_bench',
  STRIPE_WEBHOOK_SECRET: 'whsec_bench',
  SIGNING_SECRET: 'bench-signing-key-0123456789',
  JWT_ISSUER: 'https://bench.invalid/pool',
  JWT_AUDIENCE: 'bench',
  JWT_JWKS: JSON.stringify({ keys: [] }),
  DEAD_LETTER_QUEUES: '[]',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

const timeProcess = (args: string[]): number => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const bundle = async (fn: FunctionName, variant: Variant) => {
  const outfile = path.join(outRoot, variant.name, fn, 'index.mjs');
  await build({
    ...esbuildOptions,
    mainFields: [...esbuildOptions.mainFields],
    banner: { ...esbuildOptions.banner },
    ...variant.options,
    entryPoints: [path.join(root, 'functions', fn, 'handler.ts')],
    outfile,
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: code.length, gzipBytes: gzipSync(code).length };
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

rmSync(outRoot, { recursive: true, force: true });
mkdirSync(outRoot, { recursive: true });
const names = Object.keys(functions) as FunctionName[];
const bundles = new Map<string, Awaited<ReturnType<typeof bundle>>>();
for (const fn of names) for (const v of variants) bundles.set(`${v.name}/${fn}`, await bundle(fn, v));

console.log(`Import time: median of ${runs} fresh \`node index.mjs\` runs, over a bare \`node -e ''\` (Node ${process.version}).`);
timeProcess(['-e', '']); // warm the file cache
const samples = new Map<string, number[]>([['bare', []]]);
for (let i = 0; i < runs; i++) {
  samples.get('bare')!.push(timeProcess(['-e', '']));
  for (const [key, b] of bundles) {
    const list = samples.get(key) ?? [];
    list.push(timeProcess([b.outfile]));
    samples.set(key, list);
  }
}
const bare = median(samples.get('bare')!);
console.log(`bare node -e '': ${bare.toFixed(1)} ms\n`);

const rows = names.map((fn) => {
  const row: Record<string, string> = { function: fn };
  for (const v of variants) {
    const b = bundles.get(`${v.name}/${fn}`)!;
    const ms = median(samples.get(`${v.name}/${fn}`)!);
    if (v.name === 'deployed') {
      row['min'] = kb(b.bytes);
      row['min+gzip'] = kb(b.gzipBytes);
    }
    row[`${v.name} ms`] = ms.toFixed(1);
    row[`${v.name} ×bare`] = (ms / bare).toFixed(2);
  }
  return row;
});
console.table(rows);

const totals = Object.fromEntries(
  variants.map((v) => [v.name, names.reduce((sum, fn) => sum + median(samples.get(`${v.name}/${fn}`)!) - bare, 0)]),
);
console.log('Import cost over bare node, summed over all functions:');
for (const v of variants) {
  const delta = ((totals[v.name]! / totals['deployed']! - 1) * 100).toFixed(0);
  console.log(`  ${v.name.padEnd(13)} ${totals[v.name]!.toFixed(0)} ms${v.name === 'deployed' ? '' : `  (${delta}% vs deployed)`}`);
}
writeFileSync(path.join(outRoot, 'results.json'), JSON.stringify({ node: process.version, runs, bareMs: bare, rows, totals }, null, 2));

await measurePaymentLatency(Number(process.env.BENCH_ORDERS ?? 30));
