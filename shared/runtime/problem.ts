import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  UnavailableError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from '#kernel/errors';

const TYPE_BASE = 'https://commerce.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/** The HTTP status of each domain error; checked with `instanceof`, most specific first. */
const statusOf = (error: DomainError): number => {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnprocessableError) return 422;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof UnavailableError) return 503;
  return 500;
};

const titles: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  431: ['request-header-fields-too-large', 'Request header fields too large'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export const problem = (status: number, detail: string, errors?: FieldError[]): Problem => {
  const [slug, title] = titles[status] ?? ['error', 'Error'];
  return { type: `${TYPE_BASE}${slug}`, title, status, detail, ...(errors && errors.length > 0 && { errors }) };
};

/** Raised by the HTTP layer itself for statuses that are not domain errors (405, 413, 415). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/**
 * Turns anything thrown into a problem+json response. Domain errors and HTTP problems expose
 * their message; anything else becomes a generic 500 whose details stay in the logs only.
 */
/** Seconds a client is asked to wait after a 503. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export const toProblemResponse = (error: unknown): APIGatewayProxyStructuredResultV2 & { statusCode: number } => {
  let body: Problem;
  let headers: Record<string, string> = {};
  if (error instanceof HttpProblem) {
    body = problem(error.status, error.message);
    headers = error.headers;
  } else if (error instanceof DomainError) {
    body = problem(statusOf(error), error.message, error.errors);
    // RFC 9110 §10.2.3: how many seconds to wait before asking again.
    if (error instanceof TooManyRequestsError) headers = { 'retry-after': String(error.retryAfterSeconds) };
    // Stripe silent after the SDK's own retries: a short wait before the same request again.
    if (error instanceof UnavailableError) headers = { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) };
  } else {
    body = problem(500, 'Something went wrong on our side. It has been logged; try again later.');
  }
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(body),
  };
};
