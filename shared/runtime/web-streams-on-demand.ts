/**
 * What a bundled function gets for `node:stream/web` (esbuild `alias`, see `infra/aws/bundling.ts`).
 * middy's core imports it at its top for one `instanceof ReadableStream`, on its response-streaming
 * path, which no function of ours takes; loading Node's web streams costs 3 to 5 ms at every cold
 * start. This stands in for that class in `instanceof` and reaches the real one, Node's global,
 * only when a value is tested against it. Nothing else may import it: no other export is here.
 */
export const ReadableStream = {
  [Symbol.hasInstance]: (value: unknown) => value instanceof globalThis.ReadableStream,
};
