import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createSchemaComponents } from '#runtime/json-schema';
import { openApiDocument, documentedPath } from '#runtime/openapi';
import { openApiFile, openApiText } from '#runtime/write-openapi';
import { routes, type RouteSpec } from '#wiring';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean };
type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
};

const doc = openApiDocument();
const operations = (Object.entries(routes) as [string, RouteSpec][]).map(([key, route]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, route, method, path, operation: (doc.paths[documentedPath(key)]?.[method.toLowerCase()] ?? {}) as Operation };
});

/** Follows a local `$ref` (`#/components/...`) to what it points at. */
const resolve = (ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, part) => (at as Json | undefined)?.[part], doc);
const deref = <T>(value: unknown): T => {
  const ref = (value as { $ref?: unknown }).$ref;
  return (typeof ref === 'string' ? resolve(ref) : value) as T;
};

const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => (key === '$ref' && typeof item === 'string' ? [item] : refsIn(item)));
};
const keysIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysIn(item)]);
};

const headersOf = (operation: Operation) =>
  operation.parameters.map((p) => deref<Parameter>(p)).filter((p) => p.in === 'header').map((p) => `${p.name}${p.required ? '' : '?'}`);

describe('the OpenAPI document', () => {
  it('is exactly the committed functions/catalog/openapi.json that the catalog function serves', () => {
    expect(readFileSync(openApiFile, 'utf8'), 'functions/catalog/openapi.json is stale: run `npm run openapi` and commit it').toBe(openApiText());
  });

  it("passes Redocly's recommended rules, warnings raised to errors (.config/redocly.yaml): nothing reported", () => {
    mkdirSync('.local', { recursive: true });
    const file = join('.local', `openapi-lint-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const lint = spawnSync('node_modules/.bin/redocly', ['lint', '--config', '.config/redocly.yaml', '--format', 'json', file], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    rmSync(file);
    expect(lint.stdout, lint.stderr).toMatch(/^\{/);
    const report = JSON.parse(lint.stdout) as { totals: Json; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('resolves every $ref inside the document, and keeps its schemas under components.schemas', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect({ ref, resolved: resolve(ref) !== undefined }).toEqual({ ref, resolved: true });
    expect(keysIn(doc)).not.toContain('$defs');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Cart', 'CheckoutResult', 'Money', 'Order', 'Problem', 'Product']));
  });

  it('describes every route once, under its bounded context, with its summary, success status and a unique operationId', () => {
    const described = Object.values(doc.paths).flatMap((item) => Object.keys(item)).length;
    expect(described).toBe(operations.length);
    for (const { key, route, operation } of operations) {
      expect({ key, summary: operation.summary }).toEqual({ key, summary: route.summary });
      expect(Object.keys(operation.responses), key).toContain(String(route.response.status));
    }
    expect(new Set(operations.map((o) => o.operation.operationId)).size).toBe(operations.length);
    expect(operations.find((o) => o.key === 'PUT /carts/{cartId}/items/{sku}')?.operation.operationId).toBe('putCartsByCartIdItemsBySku');
    expect(operations.find((o) => o.key === 'POST /carts/{cartId}/checkout')?.operation.tags).toEqual(['ordering']);
    expect(operations.find((o) => o.key === 'GET /products')?.operation.tags).toEqual(['catalog']);
    const tags = new Set<string>(doc.tags.map((t) => t.name));
    for (const { key, operation } of operations) expect({ key, tagged: tags.has(operation.tags[0] ?? '') }).toEqual({ key, tagged: true });
  });

  it('asks for a bearer token on customer and admin routes, for none on public ones, optionally on order routes', () => {
    for (const { key, route, operation } of operations) {
      const expected = { customer: [{ bearer: [] }], admin: [{ bearer: [] }], order: [{}, { bearer: [] }] }[route.auth as string] ?? [];
      expect({ key, security: operation.security }).toEqual({ key, security: expected });
    }
  });

  it('names the headers each route needs: cart token, order token, Idempotency-Key, Stripe-Signature', () => {
    const byKey = Object.fromEntries(operations.map((o) => [o.key, headersOf(o.operation)]));
    expect(byKey['POST /carts']).toEqual([]);
    expect(byKey['GET /carts/{cartId}']).toEqual(['X-Cart-Token']);
    expect(byKey['POST /carts/{cartId}/claim']).toEqual(['X-Cart-Token']);
    expect(byKey['POST /carts/{cartId}/checkout']).toEqual(['X-Cart-Token', 'Idempotency-Key']);
    // Optional where clients called the route without one before it took keys.
    expect(byKey['POST /orders/{orderId}/returns']).toEqual(['X-Order-Token?', 'Idempotency-Key?']);
    expect(byKey['POST /admin/products/{sku}/stock']).toEqual(['Idempotency-Key?']);
    expect(byKey['GET /orders/{orderId}']).toEqual(['X-Order-Token?']);
    expect(byKey['POST /webhooks/stripe']).toEqual(['Stripe-Signature']);
    expect(byKey['GET /products']).toEqual([]);
    for (const { key, path, route, operation } of operations) {
      expect({ key, cartToken: headersOf(operation).includes('X-Cart-Token') }).toEqual({ key, cartToken: path.includes('{cartId}') });
      const idempotencyKey = headersOf(operation).find((h) => h.startsWith('Idempotency-Key'));
      const declared = route.idempotent === true ? 'Idempotency-Key' : route.idempotent === 'optional' ? 'Idempotency-Key?' : undefined;
      expect({ key, idempotencyKey }).toEqual({ key, idempotencyKey: declared });
    }
  });

  it('lists the errors each route can answer, as problem+json (the gateway’s own 401 and 429 as plain JSON)', () => {
    for (const { key, path, route, operation } of operations) {
      const statuses = Object.keys(operation.responses).map(Number);
      // Every route takes input: a route that declares no query parameter refuses any sent (400).
      expect({ key, 400: statuses.includes(400) }).toEqual({ key, 400: true });
      expect({ key, 401: statuses.includes(401) }).toEqual({ key, 401: route.auth === 'customer' || route.auth === 'admin' });
      expect({ key, 403: statuses.includes(403) }).toEqual({ key, 403: route.auth === 'admin' });
      expect({ key, 404: statuses.includes(404) }).toEqual({ key, 404: path.includes('{') || route.auth === 'cart' || route.auth === 'order' });
      expect({ key, 413: statuses.includes(413) }).toEqual({ key, 413: route.body !== undefined });
      expect(statuses, key).toEqual(expect.arrayContaining([429, 500]));
      for (const status of statuses.filter((s) => s >= 400)) {
        const response = deref<{ content: Record<string, { schema: { $ref: string } }> }>(operation.responses[status] as Json);
        const types = Object.keys(response.content);
        expect({ key, status, problem: types.includes('application/problem+json') || [401, 429].includes(status) }).toEqual({ key, status, problem: true });
        if (types.includes('application/problem+json')) expect(response.content['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    const checkout = operations.find((o) => o.key === 'POST /carts/{cartId}/checkout')!.operation;
    expect(Object.keys(checkout.responses)).toEqual(['201', '400', '404', '409', '413', '415', '422', '429', '500', '503']);
    const tooMany = deref<{ headers: Record<string, unknown> }>(checkout.responses[429] as Json);
    expect(Object.keys(tooMany.headers)).toEqual(['Retry-After']);
    const promotions = operations.find((o) => o.key === 'POST /carts/{cartId}/promotions')!.operation;
    expect(promotions.responses[429]).toEqual({ $ref: '#/components/responses/TooManyAttempts' });
    expect(operations.find((o) => o.key === 'GET /products')!.operation.responses[429]).toEqual({ $ref: '#/components/responses/Throttled' });
  });

  it('keeps what we send open to new fields, and request bodies as strict as the server that refuses unknown keys', () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    expect(schemas.Cart).not.toHaveProperty('additionalProperties');
    expect(schemas.Order).not.toHaveProperty('additionalProperties');
    expect(schemas.SetCartItemBody).toMatchObject({ additionalProperties: false, required: ['quantity'] });
    expect(schemas.Money).toMatchObject({ additionalProperties: false, properties: { amount: { type: 'integer' } } });
  });

  it('declares the body of an action that takes none (approve, cancel, delivered, redrive) as an object of no field, not required; a body every field of which may be left out (an empty one is read as {}) not required; other bodies required', () => {
    const schemas = doc.components.schemas as Record<string, Json>;
    const actions = [
      'POST /admin/returns/{returnId}/approve',
      'POST /admin/orders/{orderId}/cancel',
      'POST /admin/orders/{orderId}/shipments/{shipmentId}/delivered',
      'POST /admin/dead-letters/{queue}/redrive',
    ];
    for (const key of actions) {
      const { operation } = operations.find((o) => o.key === key)!;
      expect({ key, body: operation.requestBody }).toMatchObject({ key, body: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/NoBody' } } } } });
    }
    expect(schemas.NoBody).toMatchObject({ type: 'object', properties: {}, additionalProperties: false });
    const others = operations.filter((o) => o.operation.requestBody && !actions.includes(o.key));
    // `POST /carts` `{ currency? }`: `curl -X POST /carts` opens a cart; checkout's terms are checked by the use case (422), not the schema.
    expect(others.filter((o) => !o.operation.requestBody?.required).map((o) => o.key).sort()).toEqual(['POST /carts', 'POST /carts/{cartId}/checkout']);
  });

  it('marks timestamps as date-time, in what we accept and in what we send', () => {
    const propertiesOf = (name: string) => (doc.components.schemas as Record<string, { properties: Record<string, Json> }>)[name]?.properties ?? {};
    const dateTime = { type: 'string', format: 'date-time' };
    expect(propertiesOf('PutPromotionBody').startsAt).toMatchObject(dateTime);
    expect(propertiesOf('Cart').updatedAt).toMatchObject(dateTime);
    expect(propertiesOf('Product').updatedAt).toMatchObject(dateTime);
    for (const field of ['createdAt', 'updatedAt', 'termsAcceptedAt', 'paymentDueAt']) expect(propertiesOf('Order')[field], field).toMatchObject(dateTime);
  });

  it('gives request bodies examples that their own schemas accept (Redocly checks them)', () => {
    const schemas = doc.components.schemas as Record<string, { examples?: unknown[] }>;
    expect(schemas.SetCartItemBody?.examples).toEqual([{ quantity: 2 }]);
    expect(schemas.CheckoutBody?.examples).toEqual([{ acceptTerms: true, termsVersion: '2026-01' }]);
  });

  it('serves itself relative to where it is read, and names the local runtime', () => {
    expect(doc.servers.map((s) => s.url)).toEqual(['/', 'http://127.0.0.1:3000']);
  });
});

describe('schema components', () => {
  it('names the accepted variant of a named schema that reads differently on the way in `…Input`', () => {
    const Tag = z.object({ name: z.string(), colour: z.string().default('blue') }).meta({ id: 'TestTag' });
    const components = createSchemaComponents();
    expect(components.ref(z.object({ tag: Tag }), 'output')).toMatchObject({ properties: { tag: { $ref: '#/components/schemas/TestTag' } } });
    expect(components.ref(z.object({ tag: Tag }), 'input')).toMatchObject({ properties: { tag: { $ref: '#/components/schemas/TestTagInput' } } });
    expect(components.schemas.TestTag).toMatchObject({ required: ['name', 'colour'] });
    expect(components.schemas.TestTagInput).toMatchObject({ required: ['name'] });
  });

  it('refuses two different schemas under one name, rather than renaming either', () => {
    const components = createSchemaComponents();
    components.ref(z.object({ a: z.object({ x: z.string() }).meta({ id: 'TestTwin' }) }), 'output');
    expect(() => components.ref(z.object({ b: z.object({ y: z.number() }).meta({ id: 'TestTwin' }) }), 'output')).toThrow(/Two different schemas are named TestTwin/);
  });

  it('shares one component when both directions read the same', () => {
    const Point = z.strictObject({ x: z.number() }).meta({ id: 'TestPoint' });
    const components = createSchemaComponents();
    expect(components.ref(Point, 'output')).toEqual(components.ref(Point, 'input'));
    expect(Object.keys(components.schemas)).toEqual(['TestPoint']);
  });
});
