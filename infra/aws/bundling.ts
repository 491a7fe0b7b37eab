import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { FunctionSpec } from '#wiring';

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

const pdfkit = 'node_modules/pdfkit';
const fonts = `${pdfkit}/js/standard-fonts`;

/** A word for `bash -c`, quoted whatever it holds. */
const shellWord = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/**
 * For functions that print PDFs. pdfkit (900 KB with fontkit) is left out of the function's
 * bundle: a bundle's code is parsed at every cold start, used or not, which cost the JSON routes
 * of these functions about 40 ms. It is bundled on its own, with the same options, into the
 * function's `node_modules/pdfkit`, where the PDF path's `await import('pdfkit')` finds it on
 * the first PDF asked for. Its Node build loads its fonts with
 * `createRequire(import.meta.url)('#standard-fonts/<Name>')`, which esbuild cannot inline
 * (foliojs/pdfkit#1801): those modules go beside it, mapped by its own package.json. Helvetica
 * and Helvetica-Bold are all the documents use (28 KB).
 */
export const pdfBundling = {
  ...bundling,
  externalModules: ['pdfkit'],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => {
      const out = `${outputDir}/node_modules/pdfkit`;
      const esbuild = [
        `${inputDir}/node_modules/.bin/esbuild`,
        `${inputDir}/${pdfkit}/js/pdfkit.node.mjs`,
        '--bundle',
        `--platform=${esbuildOptions.platform}`,
        `--format=${esbuildOptions.format}`,
        `--target=${esbuildOptions.target}`,
        `--main-fields=${esbuildOptions.mainFields.join(',')}`,
        '--minify',
        `--banner:js=${esbuildOptions.banner.js}`,
        '--log-level=warning',
        `--outfile=${out}/pdfkit.mjs`,
      ];
      return [
        esbuild.map(shellWord).join(' '),
        `mkdir -p "${out}/standard-fonts/chunks"`,
        `cp "${inputDir}/${fonts}/Helvetica.cjs" "${inputDir}/${fonts}/HelveticaBold.cjs" "${out}/standard-fonts/"`,
        `cp "${inputDir}/${fonts}/chunks/"*.cjs "${out}/standard-fonts/chunks/"`,
        `echo '{"name":"pdfkit","type":"module","exports":"./pdfkit.mjs","imports":{"#standard-fonts/*":"./standard-fonts/*.cjs"}}' > "${out}/package.json"`,
      ];
    },
  },
} as const satisfies BundlingOptions;

/** The esbuild options of one function, for the bench: a PDF function's bundle leaves pdfkit out, as `pdfBundling` does. */
export const esbuildOptionsOf = (spec: Pick<FunctionSpec, 'pdf'>) => ({
  ...esbuildOptions,
  mainFields: [...esbuildOptions.mainFields],
  banner: { ...esbuildOptions.banner },
  external: spec.pdf ? [...pdfBundling.externalModules] : [],
});
