/**
 * The fixed parts of the OpenAPI document that operations point at: the headers that carry
 * tokens and keys, and the error responses many routes share. Errors are RFC 9457
 * problem+json, except the refusals API Gateway makes itself before any function runs.
 */
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './http';

const skuRule = 'a SKU is 1 to 64 letters, digits, "-", "_" or "." (and not "." or "..")';
/** What the server answers to `PUT /admin/products/not%20a%20sku` with a price of 9.5 minor units (a test holds it to that). */
const problemExample = {
  type: 'https://commerce.dev/problems/bad-request',
  title: 'Bad request',
  status: 400,
  detail: `The request is not valid: path.sku ${skuRule}; price.amount Invalid input: expected int, received number.`,
  errors: [
    { path: 'path.sku', message: skuRule },
    { path: 'price.amount', message: 'Invalid input: expected int, received number' },
  ],
};

const problemContent = (example?: object) => ({
  'application/problem+json': {
    schema: { $ref: '#/components/schemas/Problem' },
    ...(example && { examples: { validation: { value: example } } }),
  },
});

export const problem = (description: string, example?: object) => ({ description, content: problemContent(example) });

/** API Gateway's own refusals (its authorizer's 401, its throttle's 429) are plain JSON `{ message }`. */
export const GatewayMessageSchema = {
  type: 'object',
  properties: { message: { type: 'string' } },
  required: ['message'],
  description: "API Gateway's own refusals, such as `{ \"message\": \"Unauthorized\" }`.",
};
const gatewayContent = { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } };

export const sharedResponses = {
  BadRequest: problem(
    'Bad input; `errors` names each field at fault by its `path`: a field of the JSON body by its own path, with no prefix (`quantity`, `price.amount`, `items.0.sku`; `(root)` for a rule on the whole body, `body` for a body that is not a JSON object); a path parameter as `path.<name>` (`path.sku`); a query parameter as `query.<name>` (`query.cursor`; any parameter the operation does not list is refused so); a header as `header.<name>`, in lower case (`header.idempotency-key`).',
    problemExample,
  ),
  Unauthorized: {
    description: 'No valid bearer token: refused by the gateway (`{ message }`) or by the function (problem+json).',
    content: { ...gatewayContent, ...problemContent() },
  },
  Forbidden: problem('Signed in, but not an administrator.'),
  NotFound: problem('Not found, or not yours to see: a missing or wrong token looks the same.'),
  PayloadTooLarge: problem('The body is larger than 64 KB.'),
  UnsupportedMediaType: problem('The body is not application/json.'),
  Throttled: { description: "Too many requests for the API's throttle (`{ message }`).", content: gatewayContent },
  TooManyAttempts: {
    description:
      "Too many attempts from this client or for this email: problem+json, retry after `Retry-After` seconds. Or the API's throttle (`{ message }`).",
    headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
    content: { ...gatewayContent, ...problemContent() },
  },
  InternalError: problem('Something failed on our side; the details are in our logs, never in the response.'),
};

export type SharedResponse = keyof typeof sharedResponses;

export const sharedHeaders = {
  RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
  ContentDisposition: {
    description: 'Shown in the browser (`inline`), saved under the document\'s number, e.g. `inline; filename="F2026-000001.pdf"`.',
    schema: { type: 'string' },
  },
};

const header = (name: string, description: string, required: boolean, schema: object) => ({
  name,
  in: 'header',
  required,
  description,
  schema: { type: 'string', minLength: 1, ...schema },
});

export const headerParameters = {
  CartToken: header('X-Cart-Token', "The `token` returned when the cart was created. Without it, or with another cart's: 404.", true, {}),
  OrderToken: header(
    'X-Order-Token',
    'The `orderToken` returned by checkout; the signed-in customer who placed the order may send a bearer token instead.',
    false,
    {},
  ),
  IdempotencyKey: header(
    'Idempotency-Key',
    'A key of your choosing, new for each distinct request: a retry with the same key and body gets the same response, and no second order; the same key with another body → 422.',
    true,
    { maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, examples: ['3f1c2a9e-8d4b-4c1e-9f0a-6b2d7e5c4a10'] },
  ),
  IdempotencyKeyOptional: header(
    'Idempotency-Key',
    'Optional, and advised: a key of your choosing, new for each distinct request. A retry with the same key and body gets the same response and is not done again; the same key with another body → 422. Without a key, each request is done.',
    false,
    { maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, examples: ['3f1c2a9e-8d4b-4c1e-9f0a-6b2d7e5c4a10'] },
  ),
  StripeSignature: header('Stripe-Signature', "Stripe's signature of the exact body (`t=…,v1=…`).", true, {}),
};

/** Tokens a link may carry, for the routes a mail client opens (it cannot send headers). */
export const queryParameters = {
  OrderTokenInQuery: {
    name: 'token',
    in: 'query',
    required: false,
    description:
      'The `orderToken`, for a link opened from an email (a mail client sends no headers): checked as `X-Order-Token` is, which wins when both are sent. Wrong: 404.',
    schema: { type: 'string', minLength: 1 },
  },
};

export const parameterRef = (name: keyof typeof headerParameters | keyof typeof queryParameters) => ({ $ref: `#/components/parameters/${name}` });
