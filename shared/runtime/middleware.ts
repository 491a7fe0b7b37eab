import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from './logger';
import { toProblemResponse } from './problem';
import { withSourceStack } from './source-stack';

type HttpMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** The correlation id of a request: the caller's `X-Correlation-Id`, else API Gateway's request id. */
export const correlationIdOf = (event: APIGatewayProxyEventV2): string =>
  event.headers?.['x-correlation-id'] ?? event.requestContext?.requestId ?? 'local';

/** Puts the correlation id on every log line of the request and on the response. */
export const correlation = (): HttpMiddleware => ({
  before: (request) => {
    logger.appendKeys({ correlationId: correlationIdOf(request.event), route: request.event.routeKey });
  },
  after: (request) => {
    if (request.response) {
      request.response.headers = { ...request.response.headers, 'x-correlation-id': correlationIdOf(request.event) };
    }
  },
});

/**
 * Headers every response carries, success or problem (API.md): `nosniff`, so a browser never
 * reads a JSON body as HTML or script; and `no-store` unless the route said its success may be
 * kept (the public catalog's reads, see `cacheControlOf` in http.ts). A problem is never stored:
 * a 404 for a product about to be created, or a 429, must not outlive its moment.
 */
export const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff' } as const;

const withSecurityHeaders = (response: APIGatewayProxyStructuredResultV2 | null | undefined, problem: boolean): void => {
  if (!response) return;
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'cache-control' || !problem));
  const declared = Object.keys(headers).some((name) => name.toLowerCase() === 'cache-control');
  response.headers = { ...headers, ...SECURITY_HEADERS, ...(!declared && { 'cache-control': 'no-store' }) };
};

export const securityHeaders = (): HttpMiddleware => ({
  after: (request) => withSecurityHeaders(request.response, false),
  onError: (request) => withSecurityHeaders(request.response, true),
});

/**
 * The one place errors become HTTP (modelled on middy's http-error-handler): domain errors and
 * HTTP problems are exposed as problem+json; anything else is logged and answered with a
 * generic 500 that leaks nothing.
 */
export const problemResponses = (): HttpMiddleware => ({
  onError: (request) => {
    const response = toProblemResponse(request.error);
    if (response.statusCode >= 500) logger.error('request failed', withSourceStack(request.error as Error));
    else logger.info('request refused', { status: response.statusCode, detail: request.error?.message });
    request.response = {
      ...response,
      headers: { ...response.headers, 'x-correlation-id': correlationIdOf(request.event) },
    };
  },
});
