// Runs in a fresh Node process (started by error-path.ts) with a function's Lambda environment:
// imports the bundled carts handler, then times good and bad add-to-cart events, interleaved,
// in-process (no HTTP), and writes the timings as JSON to the file named by argv[2].
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [bundle, out, cartId, token, sku, countText] = process.argv.slice(2);
const count = Number(countText);
const { handler } = await import(pathToFileURL(bundle).href);

const event = (body) => ({
  version: '2.0',
  routeKey: 'PUT /carts/{cartId}/items/{sku}',
  rawPath: `/carts/${cartId}/items/${sku}`,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', 'x-cart-token': token },
  pathParameters: { cartId, sku },
  body,
  isBase64Encoded: false,
  requestContext: {
    accountId: '123456789012',
    apiId: 'bench',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method: 'PUT', path: `/carts/${cartId}/items/${sku}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: `bench-${Math.random()}`,
    routeKey: 'PUT /carts/{cartId}/items/{sku}',
    stage: '$default',
    time: '24/Nov/2026:10:00:00 +0000',
    timeEpoch: 0,
  },
});
const context = { functionName: 'carts', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };
const good = JSON.stringify({ quantity: 1 });
const bad = JSON.stringify({ quantity: 'one' });

const time = async (body, expected) => {
  const started = performance.now();
  const response = await handler(event(body), context);
  const ms = performance.now() - started;
  if (response.statusCode !== expected) throw new Error(`expected ${expected}, got ${response.statusCode}: ${response.body}`);
  return ms;
};

for (let i = 0; i < 20; i++) {
  await time(good, 200);
  await time(bad, 400);
}
const goodMs = [];
const badMs = [];
for (let i = 0; i < count; i++) {
  goodMs.push(await time(good, 200));
  badMs.push(await time(bad, 400));
}
writeFileSync(out, JSON.stringify({ good: goodMs, bad: badMs }));
