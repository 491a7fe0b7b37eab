import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problem, toProblemResponse } from '#runtime/problem';
import { matchRoute } from '#runtime/route-match';
import { routes } from '#wiring';
import { corsResponseHeaders, preflight } from './cors';
import { invoke } from './functions';
import type { LocalIssuer } from './jwt';
import { serve, type HeldPort } from './ports';

/** API Gateway refuses payloads above 10 MB before any function runs. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A dev route's answer other than 200 with a JSON body: another status, no body (204), or bytes
 * with their own headers (a downloaded file).
 */
export class DevReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers?: Record<string, string>,
  ) {}
}

/**
 * Routes served by the adapter itself: local only, absent from the AWS deployment. A handler
 * returns the JSON body of a 200, or a `DevReply`; what it throws is mapped as the functions map
 * it (a `ValidationError` is a 400 problem+json naming the field).
 */
export type DevRoutes = Record<string, (body: string, query: URLSearchParams) => Promise<unknown> | unknown>;

const serveDev = async (res: ServerResponse, route: DevRoutes[string], body: string, query: URLSearchParams, corsHeaders: Record<string, string>) => {
  // As every response of the API: never sniffed, and never cached (tokens, emails, events).
  const extraHeaders = { ...corsHeaders, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  let reply: DevReply;
  try {
    const value = await route(body, query);
    reply = value instanceof DevReply ? value : new DevReply(200, value);
  } catch (error) {
    const { statusCode, headers, body: problemBody } = toProblemResponse(error);
    res.writeHead(statusCode, { ...(headers as Record<string, string>), ...extraHeaders });
    return res.end(problemBody);
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, extraHeaders);
    return res.end();
  }
  if (Buffer.isBuffer(reply.body)) {
    res.writeHead(reply.status, { ...reply.headers, ...extraHeaders });
    return res.end(reply.body);
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...extraHeaders });
  res.end(JSON.stringify(reply.body));
};

/** API Gateway drops the function's own CORS headers when CORS is configured, and sets its own. */
const withoutCors = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !/^access-control-/i.test(name)));

const readBody = (req: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * What the adapter answers by itself (no token, a body too large, a crash). API Gateway's own
 * answers carry no `X-Content-Type-Options` and cannot be given one (an HTTP API has no gateway
 * responses); these do, as every response of the API should.
 */
const sendProblem = (res: ServerResponse, status: number, detail: string, corsHeaders: Record<string, string> = {}) => {
  // A 401 says how to authenticate (RFC 9110), as API Gateway's JWT authorizer does.
  const challenge = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  res.writeHead(status, { 'content-type': 'application/problem+json', 'x-content-type-options': 'nosniff', ...challenge, ...corsHeaders });
  res.end(JSON.stringify(problem(status, detail)));
};

/**
 * What Node's HTTP parser refuses before any request exists (an unknown method, headers over its
 * 16 KB), answered as the adapter answers the rest: problem+json, never sniffed. Node's own answer
 * is an empty 400 or 431. The statuses are Node's; the connection is closed, as Node closes it.
 */
const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex) => {
  if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than 16 KB.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, error.code === 'HPE_INVALID_METHOD' ? 'The request method is not one HTTP defines.' : 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, detail));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'content-type: application/problem+json',
    'x-content-type-options: nosniff',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
};

/**
 * The path and query of a request target as API Gateway reads them: the path exactly as sent,
 * never resolved as a URL would be (`//admin/products/X` is not a host named `admin`, and
 * `%2E%2E` is not `..`), so such a path matches the routes as it is, or none.
 */
const targetOf = (target: string) => {
  const at = target.indexOf('?');
  return at < 0 ? { path: target, query: '' } : { path: target.slice(0, at), query: target.slice(at + 1) };
};

/** API Gateway passes these bodies as text; any other (no type, forms, binary) base64-encoded. */
const isText = (contentType: string | undefined) => contentType !== undefined && /^\s*text\/|json|xml|javascript/i.test(contentType);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** `requestContext.time` as API Gateway writes it: `12/Mar/2020:19:03:58 +0000`. */
const requestTime = (d: Date) =>
  `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;

/** Lambda refuses a synchronous response over 6 MB; API Gateway then answers 500. */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** The payload 2.0 event API Gateway would build for this request. */
export const toEvent = (req: IncomingMessage, target: { path: string; query: string }, body: Buffer, claims: Record<string, unknown> | undefined, now: Date): APIGatewayProxyEventV2 => {
  const method = req.method ?? 'GET';
  const match = matchRoute(method, target.path);
  // Every copy of a repeated header, joined by commas as API Gateway joins them (Node keeps only the
  // first Content-Type or Authorization); the cookies in `cookies`, not in the headers.
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values !== undefined && name !== 'cookie') headers[name] = values.join(',');
  }
  const cookies = req.headersDistinct.cookie?.flatMap((c) => c.split(/;\s*/)).filter((c) => c !== '');
  const query: Record<string, string> = {};
  new URLSearchParams(target.query).forEach((value, key) => {
    query[key] = key in query ? `${query[key]},${value}` : value;
  });
  const text = isText(headers['content-type']);
  const routeKey = match.kind === 'route' ? match.key : '$default';
  return {
    version: '2.0',
    routeKey,
    rawPath: target.path,
    rawQueryString: target.query,
    ...(cookies && cookies.length > 0 && { cookies }),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: match.kind === 'route' && Object.keys(match.params).length > 0 ? match.params : undefined,
    body: body.length > 0 ? (text ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method, path: target.path, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
      ...(claims && { authorizer: { jwt: { claims, scopes: [] } } }),
    },
  } as APIGatewayProxyEventV2;
};

/**
 * API Gateway's JWT authorizer, for routes whose auth is `customer` or `admin`: no valid token,
 * no call. Claims reach the function as API Gateway passes them, every one a string: arrays as
 * "[a b]", numbers (`exp`, `iat`) and booleans as their text.
 */
export const authorizerClaims = async (issuer: LocalIssuer, authorization: string | undefined) => {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  const payload = token ? await issuer.verify(token) : undefined;
  if (!payload) return undefined;
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)]));
};

export interface HttpAdapterOptions {
  port: number | HeldPort;
  issuer: LocalIssuer;
  devRoutes: DevRoutes;
  /** The runtime's clock: the request time the functions see. */
  clock?: () => Date;
  onError?: (e: unknown) => void;
}

export const startHttpAdapter = async (options: HttpAdapterOptions) => {
  const { port, close } = await serve(options.port, async (req, res) => {
    // API Gateway adds its CORS headers to every response of a CORS request, its own refusals too.
    const corsHeaders = corsResponseHeaders(req.headers);
    try {
      const cors = preflight(req.method, req.headers);
      if (cors) {
        req.resume();
        res.writeHead(204, cors);
        return res.end();
      }
      const target = targetOf(req.url ?? '/');
      const body = await readBody(req);
      if (body === 'too-large') return sendProblem(res, 413, 'The request is larger than 10 MB.', corsHeaders);
      const dev = options.devRoutes[`${req.method} ${target.path}`];
      if (dev) return await serveDev(res, dev, body.toString('utf8'), new URLSearchParams(target.query), corsHeaders);
      const match = matchRoute(req.method ?? 'GET', target.path);
      const spec = match.kind === 'route' ? routes[match.key] : undefined;
      let claims: Record<string, unknown> | undefined;
      if (spec && (spec.auth === 'customer' || spec.auth === 'admin')) {
        // The header the function will see: every copy joined, as API Gateway joins them (two tokens are no token).
        claims = await authorizerClaims(options.issuer, req.headersDistinct.authorization?.join(','));
        if (!claims) return sendProblem(res, 401, 'A valid bearer token is required.', corsHeaders);
      }
      // Requests no route matches go to `$default`, served by the catalog function (404/405).
      const event = toEvent(req, target, body, claims, options.clock?.() ?? new Date());
      const result = (await invoke(spec?.function ?? 'catalog', event)) as APIGatewayProxyStructuredResultV2;
      if (Buffer.byteLength(JSON.stringify(result)) > MAX_RESPONSE_BYTES) {
        options.onError?.(new Error(`${spec?.function ?? 'catalog'}: response payload over Lambda's 6 MB`));
        return sendProblem(res, 500, 'Internal server error.', corsHeaders);
      }
      const headers: Record<string, string | string[]> = { ...withoutCors((result.headers ?? {}) as Record<string, string>), ...corsHeaders };
      if (result.cookies) headers['set-cookie'] = result.cookies;
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    } catch (error) {
      // What Lambda + API Gateway answer when a function crashes.
      options.onError?.(error);
      if (!res.headersSent) sendProblem(res, 500, 'Internal server error.', corsHeaders);
    }
  }, 'the API', { onClientError: answerClientError });
  return { url: `http://127.0.0.1:${port}`, port, close };
};
