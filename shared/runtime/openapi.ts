/**
 * The OpenAPI 3.1 document, generated from the wiring (each route's auth, parameters, body and
 * response) and the same zod schemas that validate requests. Built by `npm run openapi`
 * (write-openapi.ts) into `functions/catalog/openapi.json`, which the catalog function serves
 * as is: converting every schema at a cold start would cost it 20-30 ms.
 */
import type * as z from 'zod/mini';
import { contextOf, routes, type contexts, type FunctionName, type RouteKey, type RouteSpec } from '#wiring';
import { ProblemSchema } from './http-schemas';
import { createSchemaComponents, type JsonSchema } from './json-schema';
import {
  GatewayMessageSchema,
  headerParameters,
  parameterRef,
  problem,
  queryParameters,
  sharedHeaders,
  sharedResponses,
  type SharedResponse,
} from './openapi-components';

/**
 * One line per bounded context: the tags that group operations. A context with routes and no
 * line here gets a tag without a description, which Redocly's lint (`npm run lint`) refuses.
 */
const tagDescriptions: Record<keyof typeof contexts, string> = {
  catalog: 'Products and their stock; health and this document.',
  cart: 'Anonymous carts, priced by the server, and promotion codes.',
  ordering: 'Checkout, and orders as their customers see them.',
  payments: "Stripe's webhook and the invoices of paid orders, as JSON or PDF.",
  fulfillment: 'Parcels and digital downloads of paid orders.',
  returns: 'Returns, refunds through Stripe, cancellations and credit notes.',
  notifications: 'Emails about what happened.',
  settings: "The shop's settings: the seller's legal identity, terms, shipping, returns.",
  operations: 'Dead letters of the worker queues: a look, and a redrive.',
};

/**
 * What a use case may refuse beyond bad input, by route: 409 when the state moved on (stock, a
 * cart already checked out, an order not paid yet, a concurrent write), 422 when the request is
 * well-formed but the rules refuse it, 503 when Stripe did not answer and the same request may be
 * sent again. A route absent here refuses nothing of the kind.
 * test/unit/runtime/openapi-refusals.test.ts reads the code for every ConflictError,
 * UnprocessableError and UnavailableError each route can reach, and fails when this list says otherwise.
 */
const changedMeanwhile = 'changed too often at the same time (read it again and retry)';
const idempotencyConflict = 'the same Idempotency-Key still being processed (or done, but its response can no longer be shown)';
const stripeSilent = 'Stripe did not answer: the refund is reserved, and the same request sent again completes it.';
const refusals: Partial<Record<RouteKey, { 409?: string; 422?: string; 503?: string }>> = {
  'PUT /admin/products/{sku}': {
    409: `The product ${changedMeanwhile}.`,
    422: "A price in another currency than the shop's (`errors` names `price.currency`): the shop sells in the one its settings name.",
  },
  'POST /admin/products/{sku}/stock': {
    409: `Removing more units than are in stock, the stock ${changedMeanwhile}, or ${idempotencyConflict}.`,
    422: 'A digital product has no stock, or an Idempotency-Key already used with another body.',
  },
  'POST /carts': { 422: "A `currency` other than the shop's: the shop sells in the one its settings name." },
  'PUT /carts/{cartId}/items/{sku}': {
    409: 'Not that many units in stock, or the cart was checked out or changed at the same time.',
    422: 'Too many units or lines, or the product is sold in another currency than the cart.',
  },
  'DELETE /carts/{cartId}/items/{sku}': { 409: 'The cart was checked out or changed at the same time.' },
  'PUT /carts/{cartId}/customer': { 409: 'The cart was checked out or changed at the same time.' },
  'POST /carts/{cartId}/promotions': {
    409: 'The cart was checked out or changed at the same time.',
    422: "The cart does not reach the minimum subtotal of the promotion, or is in another currency than the promotion's amounts (a fixed value, a minimum).",
  },
  'DELETE /carts/{cartId}/promotions/{code}': { 409: 'The cart was checked out or changed at the same time.' },
  'POST /carts/{cartId}/claim': { 409: 'The cart belongs to another customer, or was checked out or changed at the same time.' },
  'PUT /admin/promotions/{code}': { 422: "A `minSubtotal` in another currency than the shop's (`errors` names `minSubtotal.currency`)." },
  'POST /carts/{cartId}/checkout': {
    409: `Not enough stock or a changed price (\`errors\` names the skus), a promotion used up, the cart already checked out or changed at the same time, or ${idempotencyConflict}.`,
    422: "Terms not accepted or not the current version, digital goods without the withdrawal waiver, an empty cart, no email or shipping address, a cart in another currency than the shop's (opened before the shop changed it: `errors` names `currency`), an Idempotency-Key already used with another body, a total under the least a card payment takes (`errors` names `totals.total`), or an amount Stripe refuses to charge.",
    503: 'Stripe did not answer: no order was placed, and the same request (same Idempotency-Key) may be sent again.',
  },
  'GET /orders/{orderId}/invoice': { 409: "The order was paid while the shop's seller identity was not configured: no invoice can be issued." },
  'GET /orders/{orderId}/invoice.pdf': { 409: "The order was paid while the shop's seller identity was not configured: no invoice can be issued." },
  'GET /orders/{orderId}/downloads': { 409: 'The order has digital goods but is unpaid, cancelled or refunded in full: nothing to download.' },
  'POST /admin/orders/{orderId}/shipments': {
    409: `The order is unpaid, cancelled or refunded in full, nothing is left to ship (everything in it has shipped, or the shop cancelled what had not), or it ${changedMeanwhile}.`,
    422: 'The parcel does not match the order (`errors` names the line): a sku not in it, a digital product, or more units than are left to ship.',
  },
  'POST /admin/orders/{orderId}/shipments/{shipmentId}/delivered': { 409: `The order is cancelled or refunded in full, or it ${changedMeanwhile}.` },
  'POST /orders/{orderId}/returns': {
    409: `Nothing of the order has shipped yet, it is cancelled or refunded in full, it ${changedMeanwhile}, or ${idempotencyConflict}.`,
    422: 'More units than were shipped and not yet asked back, a product not in the order or digital, or the return window has closed (`errors` names the line); or an Idempotency-Key already used with another body.',
  },
  'POST /admin/returns/{returnId}/approve': { 409: `The return was rejected, received or refunded, or its order ${changedMeanwhile}.` },
  'POST /admin/returns/{returnId}/reject': { 409: `The return was approved, received or refunded, or its order ${changedMeanwhile}.` },
  'POST /admin/returns/{returnId}/receive': {
    409: `The return is not approved (still requested, or rejected), was already received with other counts (\`errors\` says what was received; the same counts again get the same answer), or its order ${changedMeanwhile}.`,
    422: 'What was received does not match the return (a product not in it, more received than asked back, more damaged than received, nothing received), or Stripe refused the refund.',
    503: stripeSilent,
  },
  'POST /admin/orders/{orderId}/refunds': {
    409: `The order is unpaid, it ${changedMeanwhile}, or ${idempotencyConflict}.`,
    422: 'More than is left to refund (or nothing left), an amount in another currency than the order, an Idempotency-Key already used with another body, or Stripe refused the refund.',
    503: stripeSilent,
  },
  'POST /admin/orders/{orderId}/cancel': {
    409: `Everything has shipped or been delivered (a return handles that), Stripe would not cancel the payment of an unpaid order (it may have just been paid), or the order ${changedMeanwhile}.`,
    422: 'The cancellation is recorded, but Stripe refused its refund: refund the order with `POST /admin/orders/{orderId}/refunds`.',
    503: 'Stripe did not answer: an unpaid order is not cancelled, a paid one is cancelled and its refund reserved; send the request again.',
  },
  'GET /orders/{orderId}/credit-notes/{file}': { 409: "The order was paid while the shop's seller identity was not configured: no credit note can be printed." },
  'PUT /admin/settings': {
    422: 'Settings that break a business rule (a SIREN failing its check, a return window under 14 days, a currency other than EUR for a seller with a French VAT number); `errors` names the fields.',
  },
};

/** Routes whose use case caps how often one client may call them (card testing, code guessing). */
const rateLimited: ReadonlySet<RouteKey> = new Set<RouteKey>(['POST /carts/{cartId}/checkout', 'POST /carts/{cartId}/promotions']);

/** `PUT /carts/{cartId}/items/{sku}` → `putCartsByCartIdItemsBySku`: unique, stable, readable in a generated client. */
export const operationIdOf = (method: string, path: string): string =>
  method.toLowerCase() +
  path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      const word = (param ?? segment).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
      return (param ? 'By' : '') + word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');

type Components = ReturnType<typeof createSchemaComponents>;

const parametersOf = (path: string, spec: RouteSpec, components: Components) => {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const object = components.ref(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, { description, ...schema }] of Object.entries(object.properties ?? {})) {
      const required = where === 'path' || (object.required ?? []).includes(name);
      out.push({ name, in: where, required, ...(typeof description === 'string' && { description }), schema });
    }
  }
  // Every call on a cart carries its token, the signed-in customer's included.
  if (path.includes('{cartId}')) out.push(parameterRef('CartToken'));
  if (spec.auth === 'order') out.push(parameterRef('OrderToken'));
  if (spec.tokenInQuery) out.push(parameterRef('OrderTokenInQuery'));
  if (spec.idempotent) out.push(parameterRef(spec.idempotent === true ? 'IdempotencyKey' : 'IdempotencyKeyOptional'));
  if (spec.auth === 'webhook') out.push(parameterRef('StripeSignature'));
  return out;
};

/** The success: a JSON body of the route's schema, or a file (a PDF) shown inline under its name. */
const successOf = (spec: RouteSpec, components: Components) => {
  if ('schema' in spec.response) {
    return { description: spec.summary, content: { 'application/json': { schema: components.ref(spec.response.schema, 'output') } } };
  }
  return {
    description: spec.summary,
    headers: { 'Content-Disposition': { $ref: '#/components/headers/ContentDisposition' } },
    content: { [spec.response.contentType]: { schema: { type: 'string', format: 'binary' } } },
  };
};

/** Every status the route can answer; errors are problem+json (see openapi-components.ts). */
const responsesOf = (key: RouteKey, path: string, spec: RouteSpec, components: Components) => {
  const refused = refusals[key] ?? {};
  const has = (status: number, name: SharedResponse, when: boolean) => (when ? { [status]: { $ref: `#/components/responses/${name}` } } : {});
  return {
    [spec.response.status]: successOf(spec, components),
    // Every route refuses a query parameter it does not declare, at the least.
    ...has(400, 'BadRequest', true),
    ...has(401, 'Unauthorized', spec.auth === 'customer' || spec.auth === 'admin'),
    ...has(403, 'Forbidden', spec.auth === 'admin'),
    ...has(404, 'NotFound', path.includes('{') || spec.auth === 'cart' || spec.auth === 'order'),
    ...(refused[409] && { 409: problem(refused[409]) }),
    ...(refused[422] && { 422: problem(refused[422]) }),
    ...(refused[503] && { 503: { ...problem(refused[503]), headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } }),
    ...has(413, 'PayloadTooLarge', spec.body !== undefined),
    ...has(415, 'UnsupportedMediaType', spec.body !== undefined && !spec.rawBody),
    // Every route is behind the API's throttle; checkout and promotions also cap each client.
    ...has(429, rateLimited.has(key) ? 'TooManyAttempts' : 'Throttled', true),
    ...has(500, 'InternalError', true),
  };
};

const securityOf = (spec: RouteSpec) => {
  if (spec.auth === 'customer' || spec.auth === 'admin') return [{ bearer: [] }];
  // An order is readable with its X-Order-Token, or by the signed-in customer who placed it.
  if (spec.auth === 'order') return [{}, { bearer: [] }];
  return [];
};

/**
 * A body of no field at all (approving a return): declared so that a field sent is refused by
 * name, and never required, since the request is the same without it (no body reads as `{}`).
 */
/** A body every field of which may be left out: an empty request body is read as `{}`, so it is optional. */
const mayBeLeftOut = (body: z.ZodMiniType): boolean => {
  const def = body._zod.def as { type: string; shape?: Record<string, z.ZodMiniType> };
  return def.type === 'object' && Object.values(def.shape ?? {}).every((field) => field._zod.optin === 'optional');
};

/** Where the OpenAPI document shows a route: its path, or the contract's where it differs (`RouteSpec.documented`). */
export const documentedPath = (key: string): string => (routes[key as RouteKey] as RouteSpec | undefined)?.documented?.path ?? key.split(' ')[1]!;

/** The OpenAPI 3.1 document of every route in the wiring. */
export const openApiDocument = () => {
  const components = createSchemaComponents();
  const entries = Object.entries(routes) as [RouteKey, RouteSpec][];
  // Responses first: a named schema keeps its plain name for what we send; a variant that reads differently as accepted is `…Input`.
  for (const [, spec] of entries) if ('schema' in spec.response) components.ref(spec.response.schema, 'output');
  components.ref(ProblemSchema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of entries) {
    const [method, path] = key.split(' ') as [string, string];
    (paths[documentedPath(key)] ??= {})[method.toLowerCase()] = {
      operationId: operationIdOf(method, path),
      summary: spec.summary,
      tags: [contextOf(spec.function as FunctionName)],
      security: securityOf(spec),
      parameters: parametersOf(path, { ...spec, params: spec.documented?.params ?? spec.params }, components),
      ...(spec.body && {
        requestBody: {
          required: !mayBeLeftOut(spec.body),
          ...(spec.rawBody && { description: 'Read as raw bytes: the signature covers exactly what Stripe sent.' }),
          content: { 'application/json': { schema: components.ref(spec.body, 'input') } },
        },
      }),
      responses: responsesOf(key, path, spec, components),
    };
  }

  const tagged = new Set(entries.map(([, spec]) => contextOf(spec.function as FunctionName)));
  const schemas: Record<string, unknown> = { ...components.schemas, GatewayMessage: GatewayMessageSchema };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Commerce API',
      version: '1.0.0',
      description:
        'Catalog, carts, checkout, orders and the back office of an open-source serverless shop. Money is an integer count of minor units and an ISO 4217 currency; errors are RFC 9457 problem+json.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: '/', description: 'The API that serves this document' },
      { url: 'http://127.0.0.1:3000', description: 'The local runtime (`npm start`) on its default port' },
    ],
    tags: [...tagged].map((name) => ({ name, ...(tagDescriptions[name] && { description: tagDescriptions[name] }) })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]])),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A token of the user pool (locally: `POST /dev/tokens`, or the admin token `npm start` prints); admin routes need the `admin` group.',
        },
      },
      parameters: { ...headerParameters, ...queryParameters },
      responses: sharedResponses,
      headers: sharedHeaders,
    },
  };
};
