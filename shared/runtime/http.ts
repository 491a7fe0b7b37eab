import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { buildNow } from '#kernel/deferred';
import { NotFoundError, ValidationError, type FieldError } from '#kernel/errors';
import type { FunctionName, RouteKey, RouteSpec, routes } from '#wiring';
import { authorize, principalOf, type Principal } from './auth';
import type { BearerVerifier } from './bearer';
import { firstDuplicateKey } from './duplicate-keys';
import { logger } from './logger';
import { correlation, correlationIdOf, problemResponses, securityHeaders } from './middleware';
import { HttpProblem } from './problem';
import { createRouteMatcher, type RouteMatch } from './route-matcher';
import { requestSchemasOf } from './route-schemas';
import { parseInput } from './validate';

/** Bodies above this are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;
/** An Idempotency-Key longer than this is refused (400): a key is an id, not a payload. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

type Routes = typeof routes;
type Infer<T> = T extends z.ZodMiniType ? z.infer<T> : undefined;

/** What a route handler receives: validated input, the caller, and the raw request bits it may need. */
export interface HttpRequest<K extends RouteKey> {
  params: Infer<Routes[K] extends { params: infer P } ? P : undefined>;
  query: Infer<Routes[K] extends { query: infer Q } ? Q : undefined>;
  body: Infer<Routes[K] extends { body: infer B } ? B : undefined>;
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: string;
  principal: Principal | undefined;
  /** The caller's IP address as API Gateway saw it: what per-client limits count. */
  sourceIp: string;
  correlationId: string;
  /** The Lambda context: how long this invocation may still run (idempotency locks use it). */
  lambdaContext: Context;
}

type RoutesOf<F extends FunctionName> = { [K in RouteKey]: Routes[K]['function'] extends F ? K : never }[RouteKey];

/** What a route whose response is a file (`response.contentType`) returns: its bytes, and the name to save them under. */
export interface FileBody {
  bytes: Uint8Array;
  filename: string;
}

type ResultOf<K extends RouteKey> = Routes[K]['response'] extends { contentType: string } ? FileBody : unknown;

/** One function per route of the bounded context; each returns the body of the declared success response. */
export type RouteHandlers<F extends FunctionName> = { [K in RoutesOf<F>]: (request: HttpRequest<K>) => Promise<ResultOf<K>> };

/**
 * Who may keep a copy of a success: the public catalog's reads (anyone's, the same for everyone)
 * for a minute; nothing else, since every other response carries a token, a client secret or
 * personal data, or is an admin's view. Decided from the wiring, so a new route is private
 * until declared public. Problems are never stored (see `securityHeaders`).
 */
export const cacheControlOf = (key: RouteKey, route: RouteSpec): string =>
  route.auth === 'public' && key.startsWith('GET ') ? 'public, max-age=60' : 'no-store';

/**
 * A handler's result through the route's response schema: unknown keys are stripped, so a body
 * holds exactly what its schema declares (no Cognito `sub`, no bookkeeping). A result that does
 * not parse is our bug, never the client's: a 500, with the fields at fault in the logs.
 */
const declaredBody = (key: RouteKey, schema: z.ZodMiniType, result: unknown): unknown => {
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`The response of ${key} does not match its declared schema: ${issues}`, { cause: parsed.error });
};

/**
 * A file answered as API Gateway's payload 2.0 carries binary: base64, flagged so. No schema to
 * reduce it to: what a handler returns is the document itself. Always `inline`, so a browser
 * shows it rather than saving it; the name is kept to safe characters for the header.
 */
const fileResponse = (key: RouteKey, route: RouteSpec, contentType: string, result: unknown): APIGatewayProxyStructuredResultV2 => {
  const file = result as Partial<FileBody> | undefined;
  if (!(file?.bytes instanceof Uint8Array) || typeof file.filename !== 'string') throw new Error(`The response of ${key} is not a file ({ bytes, filename }).`);
  return {
    statusCode: route.response.status,
    headers: {
      'content-type': contentType,
      'content-disposition': `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': cacheControlOf(key, route),
      // The page was opened with its token in the URL: it must not travel on in a Referer.
      ...(route.tokenInQuery && { 'referrer-policy': 'no-referrer' }),
    },
    body: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64'),
    isBase64Encoded: true,
  };
};

/**
 * The order token of a route that also takes it in the query (`tokenInQuery`, for links in
 * emails), handed on as if sent in `X-Order-Token`, so the use case checks it the one way it
 * checks any token. The header wins when both are sent.
 */
const withQueryToken = (route: RouteSpec, headers: Record<string, string | undefined>, query: APIGatewayProxyEventV2['queryStringParameters']) =>
  route.tokenInQuery && !headers['x-order-token'] && query?.token ? { ...headers, 'x-order-token': query.token } : headers;

const lowerCaseHeaders = (headers: APIGatewayProxyEventV2['headers']) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

const rawBodyOf = (event: APIGatewayProxyEventV2): string => {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

/** The JSON object a body holds; no body at all reads as `{}`. */
const parseJson = (raw: string, contentType: string | undefined, contentEncoding?: string): Record<string, unknown> => {
  if (raw.trim() === '') return {};
  // A body without a media type is refused too: the contract declares JSON, and a client that
  // names none may mean anything (curl's -d without -H names form data, for one).
  // `application/json`, with parameters (`; charset=utf-8`) or none: not JSON Patch, JSON Lines
  // or a vendor's type, which mean something else by the same bytes.
  if (!contentType || !/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpProblem(415, contentType ? `Send the body as application/json, not ${contentType}.` : 'Send the body as application/json: the request has no Content-Type.');
  }
  if (contentEncoding && contentEncoding.toLowerCase() !== 'identity') {
    throw new HttpProblem(415, `Send the body as it is, not encoded as ${contentEncoding}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ValidationError('The body is not valid JSON.', [{ path: 'body', message: (error as Error).message }]);
  }
  // Every body this API takes is an object: `null`, `[]` or `3` is refused here, by name, rather
  // than read as an empty body (`null ?? {}`) or left to a schema's root-level message.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('The body must be a JSON object.', [{ path: 'body', message: 'must be a JSON object' }]);
  }
  const twice = firstDuplicateKey(raw);
  if (twice !== undefined) throw new ValidationError(`The body names ${twice} twice.`, [{ path: twice, message: 'is given twice: send it once' }]);
  return value as Record<string, unknown>;
};

const responseSchemasBuilding = new WeakSet<object>();

/**
 * Builds a response schema on the next turn of the event loop: a route's first request gets
 * there once its handler waits on DynamoDB or Stripe, so the schema (the placed order's is some
 * 180 zod schemas, 4 to 6 ms) is built in time the request spends waiting anyway, rather than before it
 * (at load) or after it (when the result is reduced to it). Whichever comes first builds it; a
 * builder's error is left to the use, which throws it where it is handled.
 */
const buildWhileWaiting = (schema: object): void => {
  if (responseSchemasBuilding.has(schema)) return;
  responseSchemasBuilding.add(schema);
  setImmediate(() => {
    try {
      buildNow(schema);
    } catch {
      // Thrown again, and answered, where the result is reduced to the schema.
    }
  });
};

/** The routes a function serves, and how it matches a request API Gateway sent to `$default`. */
interface FunctionRoutes {
  declared: Readonly<Record<string, RouteSpec>>;
  match(method: string, path: string): Promise<RouteMatch>;
}

/** What to send, for the Idempotency-Key slips a sentence says better than the field's message. */
const idempotencyKeySlips: Readonly<Record<string, string>> = {
  'is required': 'This request needs an Idempotency-Key header.',
  'must not be empty': 'The Idempotency-Key header is empty: send a key, or no header.',
};

/**
 * The most fields a 400 names, headers, path, query and body together: a small request of
 * thousands of unknown keys would otherwise be answered by a problem many times its size (and
 * logged as such). The detail counts the rest.
 */
export const MAX_FIELD_ERRORS = 50;

/**
 * The refusal of a request with these fields at fault: the first `MAX_FIELD_ERRORS` named, and a
 * sentence saying what to send for a bare Idempotency-Key slip, else naming them.
 */
const refusalOf = (errors: readonly FieldError[]): ValidationError => {
  const [only, ...others] = errors;
  const slip = only?.path === 'header.idempotency-key' && others.length === 0 ? idempotencyKeySlips[only.message] : undefined;
  const named = errors.slice(0, MAX_FIELD_ERRORS);
  const more = errors.length > named.length ? `; and ${errors.length - named.length} more` : '';
  return new ValidationError(slip ?? `The request is not valid: ${named.map((e) => `${e.path} ${e.message}`).join('; ')}${more}.`, named);
};

/**
 * The query parameters of a route that declares none: each one is refused by name, as a listing's
 * schema refuses a parameter it does not know, so that a client's typo (`?limt=5`) or a parameter
 * meant for another route is said rather than ignored. The order token of a route that takes it
 * in the query (`tokenInQuery`) is the one a route declares without a schema.
 */
const undeclaredQuery = (route: RouteSpec, query: APIGatewayProxyEventV2['queryStringParameters']): FieldError[] =>
  Object.keys(query ?? {})
    .filter((name) => !(route.tokenInQuery && name === 'token'))
    .map((name) => ({ path: `query.${name}`, message: 'is not a known field' }));

/** Reads, checks and validates one request against its declared route, then calls its handler. */
const dispatch = async <F extends FunctionName>(
  handlers: RouteHandlers<F>,
  own: FunctionRoutes,
  options: HttpOptions,
  event: APIGatewayProxyEventV2,
  correlationId: string,
  lambdaContext: Context,
): Promise<APIGatewayProxyStructuredResultV2> => {
  // API Gateway sends requests no route matched to `$default`; say 404 or 405 as the contract does.
  let key = event.routeKey as RouteKey;
  let pathParameters: Record<string, string | undefined> = event.pathParameters ?? {};
  if (!(key in handlers)) {
    const match = await own.match(event.requestContext.http.method, event.rawPath);
    if (match.kind === 'method-not-allowed') {
      throw new HttpProblem(405, `${event.requestContext.http.method} is not allowed on ${event.rawPath}.`, { allow: match.allow.join(', ') });
    }
    if (match.kind === 'not-found' || !(match.key in handlers)) throw new HttpProblem(404, `No route for ${event.rawPath}.`);
    key = match.key as RouteKey;
    pathParameters = match.params;
  }
  const route = own.declared[key] as Routes[RouteKey];
  const spec: RouteSpec = route;
  const rawBody = rawBodyOf(event);
  const headers = withQueryToken(spec, lowerCaseHeaders(event.headers), event.queryStringParameters);
  const principal = principalOf(event) ?? (route.auth === 'order' || route.auth === 'cart' ? await options.verifyBearer?.(headers.authorization) : undefined);
  authorize(route.auth, principal);
  /**
   * Refuses the request, once the caller is known to be allowed to hear why. A cart's or an
   * order's caller is known only once the resource is read: asked first, so that without access
   * it is a 404 whatever the request holds (authorization first), and a valid request pays no read
   * for it. An id that cannot be a cart's or an order's names nothing: 404, as an unknown one is
   * (to the shop's staff, a 400 naming it).
   */
  const refuse = async (problem: Error, errors: readonly FieldError[] = []): Promise<never> => {
    if (route.auth !== 'admin') {
      for (const resource of ['cart', 'order'] as const) {
        if (errors.some((e) => e.path === `path.${resource}Id`)) throw new NotFoundError(`There is no such ${resource}.`);
      }
    }
    if (route.auth === 'cart' || route.auth === 'order') await options.checkAccess?.({ params: pathParameters, headers, principal });
    throw problem;
  };
  // A route that takes no body ignores one sent, whatever its size.
  if ('body' in route && Buffer.byteLength(rawBody) > MAX_BODY_BYTES) await refuse(new HttpProblem(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`));
  // Validate every part before refusing, so one 400 names all the fields at fault.
  const errors: FieldError[] = [];
  const idempotencyKey = headers['idempotency-key'];
  if (spec.idempotent === true && !idempotencyKey) errors.push({ path: 'header.idempotency-key', message: 'is required' });
  // An empty key is a client's slip (a variable left unset): it tells no request from another,
  // so it is refused, neither shared by every such request nor read as no key.
  if (spec.idempotent === 'optional' && idempotencyKey === '') errors.push({ path: 'header.idempotency-key', message: 'must not be empty' });
  if (spec.idempotent && idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    errors.push({ path: 'header.idempotency-key', message: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
  }
  // A body of another media type (415) is refused as a bad field is: after the access check.
  let unsupported: HttpProblem | undefined;
  const parse = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 415) {
        unsupported = error;
        return undefined;
      }
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  };
  const params = 'params' in route ? parse(() => parseInput(route.params, pathParameters, 'path')) : undefined;
  const query = 'query' in route ? parse(() => parseInput(route.query, event.queryStringParameters ?? {}, 'query')) : undefined;
  if (!('query' in route)) errors.push(...undeclaredQuery(spec, event.queryStringParameters));
  const body =
    'body' in route && !('rawBody' in route && route.rawBody)
      ? parse(() => parseInput(route.body, parseJson(rawBody, headers['content-type'], headers['content-encoding']), ''))
      : undefined;
  if (errors.length > 0 || unsupported) await refuse(unsupported ?? refusalOf(errors), errors);
  const request = {
    params,
    query,
    body,
    headers,
    rawBody,
    principal,
    sourceIp: event.requestContext.http.sourceIp,
    correlationId,
    lambdaContext,
  };
  const handler = handlers[key as RoutesOf<F>] as (r: typeof request) => Promise<unknown>;
  if ('schema' in spec.response) buildWhileWaiting(spec.response.schema);
  const result = await handler(request);
  if ('contentType' in spec.response) return fileResponse(key, spec, spec.response.contentType, result);
  const output = declaredBody(key, spec.response.schema, result);
  return {
    statusCode: route.response.status,
    headers: { 'content-type': 'application/json', 'cache-control': cacheControlOf(key, route) },
    body: JSON.stringify(output),
  };
};

export interface HttpOptions {
  /** For `order` and `cart` routes: reads the signed-in customer from a bearer token (see bearer.ts), if one is sent. */
  verifyBearer?: BearerVerifier;
  /**
   * For the function API Gateway sends unmatched requests to (`$default`, the catalog): every
   * route key of the API, so that a path served under other methods is a 405 naming them. Read
   * on the first such request only. Without it, a function matches against its own routes.
   */
  apiRoutes?: () => Promise<readonly string[]>;
  /**
   * For `cart` and `order` routes: throws NotFoundError unless the caller may reach the cart or
   * order the path names (its token; the order's customer). Asked only of a request about to be
   * refused as invalid (see `dispatch`); a valid one is checked by its use case as it reads.
   */
  checkAccess?: (request: { params: Record<string, string | undefined>; headers: Record<string, string | undefined>; principal: Principal | undefined }) => Promise<unknown>;
}

const routesOf = (routes: Readonly<Record<string, RouteSpec>>, name: string, options: HttpOptions): FunctionRoutes => {
  const declared = Object.fromEntries(Object.entries(routes).filter(([, route]) => route.function === name));
  // Schemas are built when first used, so a cold start builds those of the route it takes (see
  // deferred.ts). A function of one route takes it on its first request anyway: it builds what
  // that request reads first at load, where a container started ahead of traffic (provisioned
  // concurrency) has it ready. Its response schema is built while that request waits (`buildWhileWaiting`).
  const declaredRoutes = Object.values(declared);
  if (declaredRoutes.length === 1) buildNow(requestSchemasOf(declaredRoutes[0]!));
  let matcher: Promise<(method: string, path: string) => RouteMatch> | undefined;
  const keys = async () => (options.apiRoutes ? await options.apiRoutes() : Object.keys(declared));
  return {
    declared,
    match: async (method, path) => (await (matcher ??= keys().then((k) => createRouteMatcher(k))))(method, path),
  };
};

/**
 * The middy chain every HTTP function shares: structured logs with the correlation id, the
 * route's validation and auth, responses reduced to their declared schema, the same security
 * headers on every response, and errors mapped once to problem+json.
 *
 * The routes are the function's own group from its context (`httpHandler(cartsRoutes, 'carts',
 * ...)`, see the context's `routes.ts`), not the context's wiring nor the composed `#wiring`: a
 * function builds the schemas of its own routes and no other, nor its context's event contracts.
 */
export const httpHandler = <F extends FunctionName>(
  routes: Pick<Routes, RoutesOf<F>>,
  name: F,
  handlers: RouteHandlers<F>,
  options: HttpOptions = {},
) => {
  const own = routesOf(routes, name, options);
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlation())
    // Before problemResponses: middy runs `onError` in reverse order, so the headers land on problems too.
    .use(securityHeaders())
    .use(problemResponses())
    .handler((event, context) => dispatch(handlers, own, options, event, correlationIdOf(event), context));
};
