import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';

/**
 * The zod → JSON Schema conversions that the OpenAPI document and the event catalog share.
 * Build-time code: no function imports it at run time.
 */
export type JsonSchema = { [keyword: string]: unknown };

export interface JsonSchemaOptions {
  target: 'draft-2020-12' | 'draft-04';
  /** `input`: what we accept (request bodies, parameters); `output`: what we send (responses, events). */
  io: 'input' | 'output';
  /** Events: every object open, `strictObject`s included, since only their producer may add fields. */
  allOpen?: boolean;
}

/**
 * zod writes `additionalProperties: false` on every output object, since parsing strips unknown
 * keys. A reader of our responses or events must instead tolerate the fields we add later (API.md:
 * "add fields freely"; events stay open to additive change), so only a `strictObject`, which
 * refuses unknown keys when it reads a request, stays closed (unless `allOpen`).
 */
const openObjects =
  (allOpen: boolean): NonNullable<z.core.JSONSchemaGeneratorParams['override']> =>
  ({ zodSchema, jsonSchema }) => {
    const def = zodSchema._zod.def;
    if (def.type !== 'object' || jsonSchema.additionalProperties !== false) return;
    if (allOpen || !(def as z.core.$ZodObjectDef).catchall) delete jsonSchema.additionalProperties;
  };

/** One zod schema as JSON Schema; schemas with a `z.meta({ id })` come out as `$ref`s into `$defs` (`definitions` in draft-04). */
export const toJsonSchema = (schema: z.core.$ZodType, { target, io, allOpen = false }: JsonSchemaOptions): JsonSchema =>
  z.toJSONSchema(schema, { target, io, unrepresentable: 'any', override: openObjects(allOpen) }) as JsonSchema;

const mapRefs = (value: unknown, rename: (ref: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? rename(item) : mapRefs(item, rename)]),
  );
};

/**
 * Collects the named schemas of many conversions into one `components.schemas`, with every
 * `$ref` pointing at `#/components/schemas/<id>`. A named schema with a default or a transform
 * reads differently when accepted than when sent (a field optional on the way in is always there
 * on the way out): the accepted variant is then named `<id>Input`. Two different schemas under one
 * id are refused, whatever the direction: each name keeps one meaning.
 */
export const createSchemaComponents = () => {
  const schemas: Record<string, JsonSchema> = {};
  const directions = new Map<string, JsonSchemaOptions['io']>();
  const converted = { input: new WeakMap<z.core.$ZodType, JsonSchema>(), output: new WeakMap<z.core.$ZodType, JsonSchema>() };

  const collect = (defs: Record<string, JsonSchema>, io: JsonSchemaOptions['io']) => {
    const names = new Map(Object.keys(defs).map((id) => [id, id]));
    const rewrite = (json: unknown) =>
      mapRefs(json, (ref) => `#/components/schemas/${names.get(ref.replace('#/$defs/', '')) ?? ref}`) as JsonSchema;
    // Renaming one schema changes the refs inside the others: repeat until no name moves.
    for (let moved = true; moved; ) {
      moved = false;
      for (const [id, def] of Object.entries(defs)) {
        const known = schemas[id];
        if (names.get(id) === id && known && directions.get(id) !== io && !isDeepStrictEqual(known, rewrite(def))) {
          names.set(id, `${id}${io === 'input' ? 'Input' : 'Output'}`);
          moved = true;
        }
      }
    }
    for (const [id, def] of Object.entries(defs)) {
      if (id.startsWith('__')) throw new Error(`A recursive schema needs a name: give it z.meta({ id }) (zod called it ${id}).`);
      const name = names.get(id) as string;
      const json = rewrite(def);
      if (schemas[name] && !isDeepStrictEqual(schemas[name], json)) {
        throw new Error(`Two different schemas are named ${name}: give one of them another z.meta({ id }).`);
      }
      schemas[name] = json;
      if (!directions.has(name)) directions.set(name, io);
    }
    return rewrite;
  };

  /** The JSON Schema of `schema` for use inside the document: a `$ref` when it is named, inline otherwise. */
  const ref = (schema: z.core.$ZodType, io: JsonSchemaOptions['io']): JsonSchema => {
    const cached = converted[io].get(schema);
    if (cached) return cached;
    const { $schema: _, $defs, ...root } = toJsonSchema(schema, { target: 'draft-2020-12', io });
    const rewrite = collect(($defs ?? {}) as Record<string, JsonSchema>, io);
    const json = rewrite(root);
    converted[io].set(schema, json);
    return json;
  };

  return { schemas, ref };
};
