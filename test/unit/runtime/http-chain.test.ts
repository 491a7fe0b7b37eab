import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { MAX_FIELD_ERRORS } from '#runtime/http';
import { documentedPath } from '#runtime/openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpEvent } from '../../fixtures/http-event';

// Every refusal below happens before the handler touches data, so no table is needed.
process.env.TABLE_NAME = 'unused';
process.env.EVENT_BUS_NAME = 'unused';
process.env.IDEMPOTENCY_TABLE_NAME = 'unused';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let admin: Handler;
let catalog: Handler;
const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const adminClaims = { sub: 'a1', 'cognito:groups': '[admin]' };
const product = JSON.stringify({ name: 'Mug', type: 'physical', price: { amount: 900, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' });

const call = async (handler: Handler, ...args: Parameters<typeof httpEvent>) => {
  const response = await handler(httpEvent(...args), context);
  return { ...response, json: JSON.parse(String(response.body)) as Record<string, unknown> };
};

describe('the HTTP chain every function shares', () => {
  beforeAll(async () => {
    admin = (await import('../../../functions/catalog-admin/handler')).handler as unknown as Handler;
    catalog = (await import('../../../functions/catalog/handler')).handler as unknown as Handler;
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body: '{"name":', claims: adminClaims });
    expect(r.statusCode).toBe(400);
    expect(r.headers?.['content-type']).toBe('application/problem+json');
    expect(r.json).toMatchObject({ status: 400, title: 'Bad request', type: expect.stringContaining('bad-request') });
  });

  it('names each unknown field, so a client cannot sneak in its own price fields', async () => {
    // `reserved` is the stock view's, never a product's (`available` is one: API.md's Product has it).
    const body = JSON.stringify({ ...JSON.parse(product), reserved: 5, total: 1 });
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'reserved', message: 'is not a known field' },
        { path: 'total', message: 'is not a known field' },
      ]),
    );
  });

  it('names the field of a wrong type and of a bad path parameter', async () => {
    const body = JSON.stringify({ ...JSON.parse(product), price: { amount: 9.5, currency: 'EUR' } });
    const r = await call(admin, 'PUT', '/admin/products/not a sku', { body, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    const paths = (r.json.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['path.sku', 'price.amount']));
  });

  it('answers bad input as the OpenAPI document says: a body field by its own path, a path parameter under `path.`', async () => {
    const { BadRequest } = (await import('#runtime/openapi-components')).sharedResponses;
    const body = JSON.stringify({ ...JSON.parse(product), price: { amount: 9.5, currency: 'EUR' } });
    const r = await call(admin, 'PUT', '/admin/products/not a sku', { body, claims: adminClaims });
    // The document's example is this very answer, and its description writes paths as the server does.
    expect(r.json).toEqual(BadRequest.content['application/problem+json'].examples?.validation.value);
    for (const { path } of r.json.errors as { path: string }[]) expect(BadRequest.description).toContain(`\`${path}\``);
  });

  it("says what is wrong with a field in zod's English words, not a bare \"Invalid input\"", async () => {
    // The functions load zod's mini API, which brings no messages of its own (shared/kernel/zod-locale.ts).
    const body = JSON.stringify({ ...JSON.parse(product), name: ' ', price: { amount: 9.5, currency: 'EUR' } });
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body, claims: adminClaims });
    expect(r.json.errors).toEqual([
      { path: 'name', message: 'Too small: expected string to have >=1 characters' },
      { path: 'price.amount', message: 'Invalid input: expected int, received number' },
    ]);
  });

  it('refuses a body over 64 KB with 413 before parsing it, but only to a caller allowed on the route', async () => {
    const body = `"${'x'.repeat(70_000)}"`;
    expect((await call(admin, 'PUT', '/admin/products/MUG-1', { body, claims: adminClaims })).statusCode).toBe(413);
    expect((await call(admin, 'PUT', '/admin/products/MUG-1', { body })).statusCode).toBe(401);
    expect((await call(admin, 'PUT', '/admin/products/MUG-1', { body, claims: { sub: 'c1', 'cognito:groups': '[customers]' } })).statusCode).toBe(403);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, claims: adminClaims });
    expect(r.statusCode).toBe(415);
  });

  it('refuses a body sent without a Content-Type with 415', async () => {
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body: product, headers: { 'content-type': '' }, claims: adminClaims });
    expect(r.statusCode).toBe(415);
    expect(r.json.detail).toBe('Send the body as application/json: the request has no Content-Type.');
  });

  it('takes application/json only, with its parameters, and an unencoded body: another JSON type or an encoding is a 415', async () => {
    for (const type of ['application/merge-patch+json', 'application/json-seq', 'application/problem+json', 'application/vnd.x+json']) {
      const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body: product, headers: { 'content-type': type }, claims: adminClaims });
      expect({ type, status: r.statusCode }).toEqual({ type, status: 415 });
    }
    const gzipped = await call(admin, 'PUT', '/admin/products/MUG-1', { body: product, headers: { 'content-encoding': 'gzip' }, claims: adminClaims });
    expect(gzipped.statusCode).toBe(415);
    // With its charset it is JSON: refused further on, for its bad field, not for its type.
    const charset = await call(admin, 'PUT', '/admin/products/MUG-1', { body: '{"name":1}', headers: { 'content-type': 'application/json; charset=utf-8' }, claims: adminClaims });
    expect(charset.statusCode).toBe(400);
  });

  it('ignores a body sent to a route that takes none, whatever its size', async () => {
    expect((await call(catalog, 'GET', '/health', { body: `"${'x'.repeat(70_000)}"` })).statusCode).toBe(200);
  });

  it('refuses an Idempotency-Key longer than 255 characters, naming it', async () => {
    const r = await call(admin, 'POST', '/admin/products/MUG-1/stock', { body: '{"delta":1}', headers: { 'idempotency-key': 'k'.repeat(256) }, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'header.idempotency-key', message: 'must be at most 255 characters' }]);
    expect(r.json.detail).toBe('The request is not valid: header.idempotency-key must be at most 255 characters.');
  });

  it('refuses an empty Idempotency-Key where the key is optional: it tells no request from another', async () => {
    const r = await call(admin, 'POST', '/admin/products/MUG-1/stock', { body: '{"delta":1}', headers: { 'idempotency-key': '' }, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'header.idempotency-key', message: 'must not be empty' }]);
    expect(r.json.detail).toBe('The Idempotency-Key header is empty: send a key, or no header.');
  });

  it('answers 401 without a token and 403 for a customer on admin routes', async () => {
    expect((await call(admin, 'PUT', '/admin/products/MUG-1', { body: product })).statusCode).toBe(401);
    const customer = await call(admin, 'PUT', '/admin/products/MUG-1', { body: product, claims: { sub: 'c1', 'cognito:groups': '[customers]' } });
    expect(customer.statusCode).toBe(403);
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    const missing = await call(catalog, 'GET', '/nothing-here');
    expect(missing.statusCode).toBe(404);
    const wrong = await call(catalog, 'DELETE', '/products/MUG-1');
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('GET');
    // API Gateway sends every unmatched request to the catalog: it knows the other functions' routes too.
    const elsewhere = await call(catalog, 'GET', '/carts');
    expect(elsewhere.statusCode).toBe(405);
    expect(elsewhere.headers?.allow).toBe('POST');
  });

  it('names a bad query parameter', async () => {
    const r = await call(catalog, 'GET', '/products', { query: { limit: 'abc' } });
    expect(r.statusCode).toBe(400);
    expect((r.json.errors as { path: string }[])[0]?.path).toBe('query.limit');
  });

  it('reads a query integer as plain decimal digits only: not hexadecimal, an exponent, a leading space or a fraction', async () => {
    for (const limit of ['0x10', '1e2', ' 5', '5.0', '+5', '-1', '']) {
      const r = await call(catalog, 'GET', '/products', { query: { limit } });
      expect({ limit, status: r.statusCode, errors: r.json.errors }).toEqual({
        limit,
        status: 400,
        errors: [{ path: 'query.limit', message: 'must be a whole number from 1 to 100, in decimal digits' }],
      });
    }
  });

  it('refuses, by name, a query parameter that a route without a query does not declare', async () => {
    for (const path of ['/health', '/openapi.json', '/products/MUG-1']) {
      const r = await call(catalog, 'GET', path, { query: { x: '1', currency: 'USD' } });
      expect({ path, status: r.statusCode, errors: r.json.errors }).toEqual({
        path,
        status: 400,
        errors: [
          { path: 'query.x', message: 'is not a known field' },
          { path: 'query.currency', message: 'is not a known field' },
        ],
      });
    }
  });

  it(`names at most ${MAX_FIELD_ERRORS} fields, query and body together, and counts the rest in its detail, so the answer stays small`, async () => {
    const query = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`q${i}`, '1']));
    const body = JSON.stringify({ ...JSON.parse(product), ...Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`f${i}`, 1])) });
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body, query, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    const errors = r.json.errors as { path: string }[];
    expect(errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(errors[0]).toEqual({ path: 'query.q0', message: 'is not a known field' });
    expect(String(r.json.detail)).toMatch(/query\.q49 is not a known field; and 2070 more\.$/);
    expect(String(r.body).length).toBeLessThan(10_000);
    // Few enough: each one named, nothing counted.
    const few = await call(admin, 'PUT', '/admin/products/MUG-1', { body: JSON.stringify({ ...JSON.parse(product), colour: 'red' }), claims: adminClaims });
    expect([few.json.errors, few.json.detail]).toEqual([[{ path: 'colour', message: 'is not a known field' }], 'The request is not valid: colour is not a known field.']);
  });

  it("refuses a product's name or description with control characters, naming each", async () => {
    const body = JSON.stringify({ ...JSON.parse(product), name: 'Mug\u0000', description: 'Red\u001b[31m mug.\nDishwasher safe.' });
    const r = await call(admin, 'PUT', '/admin/products/MUG-1', { body, claims: adminClaims });
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([
      { path: 'name', message: 'must not contain control characters or line breaks' },
      { path: 'description', message: 'must not contain control characters other than line feeds (\\n) and tabs' },
    ]);
  });

  it('serves health and an OpenAPI 3.1 document listing every declared route', async () => {
    expect((await call(catalog, 'GET', '/health')).json).toEqual({ status: 'ok' });
    const { routes } = await import('#wiring');
    type Operation = { summary: string; responses: Record<string, unknown>; security?: Record<string, unknown>[]; requestBody?: unknown };
    // A bearer token is required when every alternative the operation lists names a scheme (`{}` means none needed).
    const requiresBearer = (operation: Operation | undefined) =>
      (operation?.security ?? []).length > 0 && (operation?.security ?? []).every((requirement) => Object.keys(requirement).length > 0);
    const doc = (await call(catalog, 'GET', '/openapi.json')).json as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const [key, route] of Object.entries(routes)) {
      const [method] = key.split(' ') as [string, string];
      const operation = doc.paths[documentedPath(key)]?.[method.toLowerCase()];
      expect({ key, summary: operation?.summary }).toEqual({ key, summary: route.summary });
      expect(Object.keys(operation?.responses ?? {}), key).toContain(String(route.response.status));
      expect({ key, secured: requiresBearer(operation) }).toEqual({ key, secured: route.auth === 'customer' || route.auth === 'admin' });
    }
  });
});
