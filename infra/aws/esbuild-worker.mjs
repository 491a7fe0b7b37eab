/**
 * One esbuild build with our plugins, for `bundleFunction` (infra/aws/bundling.ts). CDK's local
 * bundling is synchronous and `buildSync` takes no plugins, so the build runs here, in a worker
 * thread, while the caller waits on `done` and then reads the outcome from `port`.
 *
 * Plain JavaScript: a worker started from a test or from `cdk synth` has no TypeScript loader.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { workerData } from 'node:worker_threads';

/**
 * The AWS SDK describes each operation of a client in one module (`schemas/schemas_0.js`), as
 * arrays keyed by the module's own string constants: `{ [_h]: ["POST", "/v2/email/…", 200] }`.
 * esbuild cannot tell that a computed key has no effect, so it keeps every operation of a client
 * whose operations carry such keys (SESv2's REST bindings: 47 KB, where SendEmail needs a few).
 * A computed key that names a string constant of the module is that string: written as a literal,
 * the unused operations are left out.
 */
const literalSchemaKeys = {
  name: 'aws-sdk-literal-schema-keys',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const strings = new Map([...text.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)].map((m) => [m[1], m[2]]));
      const contents = text.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const { options, port, done } = workerData;
try {
  const { build } = await import('esbuild');
  const { metafile } = await build({ ...options, plugins: [literalSchemaKeys] });
  port.postMessage({ metafile });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
