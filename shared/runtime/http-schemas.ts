import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';

export const ProblemSchema = /* @__PURE__ */ deferred(() => z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .check(z.meta({ id: 'Problem', description: 'RFC 9457 problem details.' })));

export const HealthSchema = /* @__PURE__ */ deferred(() => z.object({ status: z.literal('ok') }));

export const OpenApiDocumentSchema = /* @__PURE__ */ deferred(() => z.record(z.string(), z.unknown()).check(z.meta({ id: 'OpenApiDocument' })));
