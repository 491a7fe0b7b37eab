import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from './logger';
import { toProblemResponse } from './problem';

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
 * The one place errors become HTTP (modelled on middy's http-error-handler): domain errors and
 * HTTP problems are exposed as problem+json; anything else is logged and answered with a
 * generic 500 that leaks nothing.
 */
export const problemResponses = (): HttpMiddleware => ({
  onError: (request) => {
    const response = toProblemResponse(request.error);
    if (response.statusCode >= 500) logger.error('request failed', request.error as Error);
    else logger.info('request refused', { status: response.statusCode, detail: request.error?.message });
    request.response = {
      ...response,
      headers: { ...response.headers, 'x-correlation-id': correlationIdOf(request.event) },
    };
  },
});
