import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import type { FunctionSpec } from '#wiring';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webStreamsOnDemand = path.join(root, 'shared/runtime/web-streams-on-demand.ts');

/**
 * How every function is bundled, shared by the CDK stack, `npm run bench` and the bundle tests,
 * so that what is measured and checked is what is deployed.
 *
 * - ES modules: the handlers use top-level await to load configuration and secrets once.
 * - `module` before `main`: packages' ES entry points load faster than their CommonJS ones
 *   (43 % more import time with CommonJS first, when last measured), and tree-shake better.
 * - The AWS SDK is bundled, not taken from the runtime: a pinned, tested version, and one file
 *   imports faster than the runtime's many (95 % more import time external, when last measured).
 * - The banner gives CommonJS dependencies that call `require` a working one inside ESM.
 * - A PDF function's bundle leaves pdfkit out: it goes beside it (see `bundlePdfkit`).
 * - `node:stream/web` is the stand-in of `shared/runtime/web-streams-on-demand.ts`: middy's core
 *   imports Node's web streams for its response streaming, which no function uses (3 to 5 ms).
 * - The AWS SDK's operation schemas are tree-shaken (`esbuild-worker.mjs`): SESv2's 47 KB of them
 *   come down to what SendEmail needs. So are Stripe's resources: the client keeps the two we
 *   call (PaymentIntents, Refunds), 70 KB of the SDK where it was 240.
 * - package.json's `sideEffects` names the one module of ours imported for its effect (zod's
 *   English messages): any other module none of whose exports a function uses is left out,
 *   rather than kept for the schemas it would build at load (a `.check()` call may have effects,
 *   so esbuild keeps every statement of a module it includes).
 */
export const esbuildOptionsOf = (spec: Pick<FunctionSpec, 'pdf'>) =>
  ({
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    target: 'node24',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    external: spec.pdf ? ['pdfkit'] : [],
    alias: { 'node:stream/web': webStreamsOnDemand },
    logLevel: 'warning',
  }) satisfies BuildOptions;

/**
 * Split into chunks: what a function imports dynamically is left out of what a cold start loads.
 * The SDK loads most of its credential providers (SSO, INI files, processes, web identity) by
 * dynamic import and Lambda never needs them, since its credentials are in the environment; in
 * one file they are parsed at every cold start anyway (about 115 KB of the DocumentClient's
 * 335). `NodejsFunction` cannot split (it bundles to one `--outfile`), hence our own bundling.
 *
 * Source maps are written beside each chunk without `sourcesContent`, and not enabled at run
 * time: `--enable-source-maps` reads every chunk's map at load, 10 to 30 ms of each cold start.
 * The stack of an unexpected error is mapped when it is logged (`#runtime/source-stack`).
 */
const splitOptions = {
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
} as const satisfies BuildOptions;

/** The handler of a bundled function: `index.mjs`, exporting `handler`. */
export const HANDLER = 'index.handler';

/**
 * esbuild's `build` with the plugins of `esbuild-worker.mjs` (the AWS SDK's operation schemas
 * and Stripe's resources tree-shaken), run in a worker thread and waited for: CDK's local
 * bundling is synchronous.
 */
const buildWithPlugins = (options: BuildOptions & { metafile: true }): Metafile => {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./esbuild-worker.mjs', import.meta.url), { workerData: { options, port: port2, done }, transferList: [port2] });
  try {
    if (Atomics.wait(done, 0, 0, 300_000) === 'timed-out') throw new Error(`esbuild did not finish bundling ${JSON.stringify(options.entryPoints)} within 5 minutes`);
    const reply = receiveMessageOnPort(port1)?.message as { metafile?: Metafile; error?: string } | undefined;
    if (!reply?.metafile) throw new Error(`esbuild failed on ${JSON.stringify(options.entryPoints)}: ${reply?.error ?? 'no answer'}`);
    return reply.metafile;
  } finally {
    port1.close();
    void worker.terminate();
  }
};

/** Bundles `functions/<name>/handler.ts` into `outdir` as it is deployed, and returns esbuild's metafile. */
export const bundleFunction = (entry: string, outdir: string, spec: Pick<FunctionSpec, 'pdf'>): Metafile => {
  const metafile = buildWithPlugins({ ...esbuildOptionsOf(spec), ...splitOptions, entryPoints: { index: entry }, outdir });
  if (spec.pdf) bundlePdfkit(outdir);
  return metafile;
};

/**
 * For functions that print PDFs. pdfkit (900 KB with fontkit) is bundled on its own into the
 * function's `node_modules/pdfkit`, where the PDF path's `await import('pdfkit')` finds it on the
 * first PDF asked for: in the function's bundle, even as a lazy chunk, esbuild would inline its
 * font loading wrongly. Its Node build loads its fonts with
 * `createRequire(import.meta.url)('#standard-fonts/<Name>')`, which esbuild cannot inline
 * (foliojs/pdfkit#1801): those modules go beside it, mapped by its own package.json (Helvetica,
 * which pdfkit loads as its default font, 28 KB). The documents print in Roboto, from `fonts/`.
 */
const bundlePdfkit = (outdir: string): void => {
  const out = path.join(outdir, 'node_modules', 'pdfkit');
  const fonts = path.join(root, 'node_modules', 'pdfkit', 'js', 'standard-fonts');
  buildSync({
    ...esbuildOptionsOf({}),
    entryPoints: [path.join(root, 'node_modules', 'pdfkit', 'js', 'pdfkit.node.mjs')],
    outfile: path.join(out, 'pdfkit.mjs'),
  });
  mkdirSync(path.join(out, 'standard-fonts', 'chunks'), { recursive: true });
  for (const font of ['Helvetica.cjs', 'HelveticaBold.cjs']) copyFileSync(path.join(fonts, font), path.join(out, 'standard-fonts', font));
  for (const chunk of readdirSync(path.join(fonts, 'chunks')).filter((f) => f.endsWith('.cjs'))) {
    copyFileSync(path.join(fonts, 'chunks', chunk), path.join(out, 'standard-fonts', 'chunks', chunk));
  }
  const manifest = { name: 'pdfkit', type: 'module', exports: './pdfkit.mjs', imports: { '#standard-fonts/*': './standard-fonts/*.cjs' } };
  writeFileSync(path.join(out, 'package.json'), JSON.stringify(manifest));
  // The documents' own fonts (Roboto, 170 KB), read by `pdf-writing.ts` from `fonts/` at the root.
  const ours = path.join(root, 'shared', 'payments', 'adapters', 'fonts');
  mkdirSync(path.join(outdir, 'fonts'), { recursive: true });
  for (const file of readdirSync(ours)) copyFileSync(path.join(ours, file), path.join(outdir, 'fonts', file));
};

/**
 * The files a cold start loads: the entry and every chunk it imports statically, transitively.
 * Chunks reached only through `import()` are loaded when that path first runs.
 */
export const loadedAtStart = (metafile: Metafile, outdir: string): string[] => {
  const key = (file: string) => path.relative(process.cwd(), file);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(key(path.join(outdir, 'index.mjs')));
  return [...seen];
};
