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

/**
 * The Stripe resources our adapters call (`shared/payments/adapters/stripe-gateway.ts`, whose
 * types allow no other); the webhook's signature check (`stripe.webhooks`) is no resource.
 */
const STRIPE_RESOURCES_USED = ['paymentIntents', 'refunds'];

/**
 * stripe-node's client creates every resource of Stripe's API in its constructor (some 190
 * classes, 165 KB of the SDK's 240), so esbuild keeps them all where we call two. Its Node entry
 * is rewritten without the others: their imports, their `this.x = new XResource(this)`, and the
 * `Stripe.resources` index of them all. The rest of the SDK is unchanged. A release whose entry
 * no longer reads as expected fails the build, rather than ship a client without what we call.
 */
const stripeResourcesUsed = {
  name: 'stripe-resources-used',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]stripe[\\/]esm[\\/]stripe\.esm\.node\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const creation = /^ {8}this\.(\w+) = new (\w+)\(this\);\n/gm;
      const created = [...text.matchAll(creation)];
      const kept = new Set(created.filter(([, property]) => STRIPE_RESOURCES_USED.includes(property)).map(([, , className]) => className));
      if (created.length < 50 || kept.size !== STRIPE_RESOURCES_USED.length) {
        throw new Error(`stripe-resources-used: ${args.path} no longer creates its resources as this plugin expects; update it`);
      }
      const contents = text
        .replace(creation, (line, property, className) => (kept.has(className) ? line : ''))
        .replace(/^import \{ (\w+),? \} from '\.\/resources\/[^']+';\n/gm, (line, className) => (kept.has(className) ? line : ''))
        .replace("import * as resources from './resources.js';\n", 'const resources = {};\n')
        .replace("import { OAuthResource } from './resources.js';\n", '')
        .replace(/^ {8}this\.account = this\.accounts;\n/m, '');
      const leftOver = [...contents.matchAll(/^import \{ (\w+),? \} from '\.\/resources[^']*';$/gm)].filter(([, className]) => !kept.has(className));
      if (leftOver.length > 0) throw new Error(`stripe-resources-used: ${args.path} still imports ${leftOver.map(([line]) => line).join(' ')}; update the plugin`);
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const { options, port, done } = workerData;
try {
  const { build } = await import('esbuild');
  const { metafile } = await build({ ...options, plugins: [literalSchemaKeys, stripeResourcesUsed] });
  port.postMessage({ metafile });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
