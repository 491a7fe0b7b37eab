/**
 * The API's CORS configuration, one for both runtimes: `infra/aws/constructs/api.ts` gives it to
 * API Gateway (`corsPreflight`), and the local runtime answers as API Gateway does with it.
 * `Retry-After` is exposed: a browser app may read when to retry a 429, which it could not otherwise.
 */
export const CORS = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-cart-token', 'x-order-token'],
  exposeHeaders: ['retry-after'],
  maxAgeSeconds: 86_400,
} as const;
