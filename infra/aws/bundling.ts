import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every function is bundled, shared by the CDK stack and `npm run bench` so that the
 * benchmark measures exactly what is deployed.
 *
 * - ES modules: the handlers use top-level await to load configuration and secrets once.
 * - `module` before `main`: packages' ES entry points load faster than their CommonJS ones
 *   (the bench prints the figure), and tree-shake better.
 * - The AWS SDK is bundled, not taken from the runtime: a pinned, tested version, and the
 *   bench shows a bundled SDK imports faster than the runtime's full copy.
 * - The banner gives CommonJS dependencies that call `require` a working one inside ESM.
 */
export const bundling = {
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  externalModules: [],
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const satisfies BundlingOptions;

/** The same choices expressed as esbuild options, for the bench (which calls esbuild directly). */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  mainFields: [...bundling.mainFields],
  minify: bundling.minify,
  target: bundling.target,
  banner: { js: bundling.banner },
} as const;
