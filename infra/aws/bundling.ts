import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every function is bundled, shared by the CDK stack and `npm run bench` so that the
 * benchmark measures exactly what is deployed.
 *
 * - ES modules: the handlers use top-level await to load configuration and secrets once.
 * - `module` before `main`: packages' ES entry points load faster than their CommonJS ones
 *   (43 % more import time with CommonJS first, when last measured), and tree-shake better.
 * - The AWS SDK is bundled, not taken from the runtime: a pinned, tested version, and one file
 *   imports faster than the runtime's many (95 % more import time external, when last measured).
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

const fonts = 'node_modules/pdfkit/js/standard-fonts';

/**
 * For functions that print PDFs: pdfkit's Node build loads its fonts with
 * `createRequire(import.meta.url)('#standard-fonts/<Name>')`, which esbuild cannot inline
 * (foliojs/pdfkit#1801), so the bundle needs those modules beside it and a package.json
 * mapping the subpath. Helvetica and Helvetica-Bold are all the documents use (28 KB).
 */
export const pdfBundling = {
  ...bundling,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `mkdir -p "${outputDir}/pdfkit-fonts/chunks"`,
      `cp "${inputDir}/${fonts}/Helvetica.cjs" "${inputDir}/${fonts}/HelveticaBold.cjs" "${outputDir}/pdfkit-fonts/"`,
      `cp "${inputDir}/${fonts}/chunks/"*.cjs "${outputDir}/pdfkit-fonts/chunks/"`,
      `echo '{"imports":{"#standard-fonts/*":"./pdfkit-fonts/*.cjs"}}' > "${outputDir}/package.json"`,
    ],
  },
} as const satisfies BundlingOptions;
