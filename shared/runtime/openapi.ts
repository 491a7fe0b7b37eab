import * as z from 'zod';
import { ProblemSchema } from './http-schemas';
import { routes, type RouteKey, type RouteSpec } from '#wiring';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: jsonSchema(ProblemSchema, 'output') } },
});

const parameters = (spec: RouteSpec) => {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
    }
  }
  if (spec.auth === 'cart') out.push({ name: 'X-Cart-Token', in: 'header', required: true, schema: { type: 'string' } });
  if (spec.idempotent) out.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 } });
  return out;
};

/** The OpenAPI 3.1 document, generated from the wiring and the same zod schemas that validate requests. */
export const openApiDocument = (serverUrl?: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
    const [method, path] = key.split(' ') as [string, string];
    const secured = spec.auth === 'customer' || spec.auth === 'admin';
    (paths[path] ??= {})[method.toLowerCase()] = {
      operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, ''),
      summary: spec.summary,
      tags: [spec.function],
      parameters: parameters(spec),
      ...(spec.body && !spec.rawBody && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } },
      }),
      ...(secured && { security: [{ bearer: [] }] }),
      responses: {
        [spec.response.status]: {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchema(spec.response.schema, 'output') } },
        },
        '4XX': problemResponse('The request was refused; `errors` names the fields at fault.'),
        ...(secured && { 401: problemResponse('No valid bearer token.') }),
        ...(spec.auth === 'admin' && { 403: problemResponse('Not an administrator.') }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Commerce API',
      version: '1.0.0',
      description: 'Catalog, cart, checkout, orders and the back office. Money is integer minor units.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
};
