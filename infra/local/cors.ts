import type { IncomingHttpHeaders } from 'node:http';
import { CORS } from '#runtime/cors';

/**
 * A CORS preflight as API Gateway's HTTP API answers it when CORS is configured: any `OPTIONS`
 * request with an `Origin` and an `Access-Control-Request-Method` header, whatever the route
 * (no function runs), gets 204 and the configured headers. Anything else is no preflight
 * (`undefined`) and goes to the routes.
 */
export const preflight = (method: string | undefined, headers: IncomingHttpHeaders): Record<string, string> | undefined => {
  if (method !== 'OPTIONS' || !headers.origin || !headers['access-control-request-method']) return undefined;
  return {
    'access-control-allow-origin': CORS.allowOrigins.join(','),
    'access-control-allow-methods': CORS.allowMethods.join(','),
    'access-control-allow-headers': CORS.allowHeaders.join(','),
    'access-control-max-age': String(CORS.maxAgeSeconds),
    // API Gateway's own preflight answer carries no such header; this one does, as every response should.
    'x-content-type-options': 'nosniff',
  };
};

/**
 * The headers API Gateway adds to every response of a CORS request (one with an `Origin`),
 * replacing whatever CORS headers the function returned ("API Gateway ignores CORS headers
 * returned from your backend integration").
 */
export const corsResponseHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  headers.origin ? { 'access-control-allow-origin': CORS.allowOrigins.join(','), 'access-control-expose-headers': CORS.exposeHeaders.join(',') } : {};
