import * as z from 'zod/mini';

/** Every stand-in made here: one handed on by another deferred value keeps its own name. */
const standIns = new WeakSet<object>();

/**
 * A schema built when first used, not when its module loads. A function imports the contracts of
 * all its routes, but a request takes one: it builds that route's schemas, not every route's. The
 * value stands in for the schema itself (a proxy that builds it on first touch and forwards
 * everything to it), so routes, parsers and other schemas use it as they would the schema. Its
 * `z.meta` moves to the stand-in, which is the one the other schemas and the OpenAPI document
 * meet. At a module's top level, annotate the call `@__PURE__` so that esbuild leaves it out where
 * unused.
 */
export const deferred = <T extends object>(build: () => T): T => {
  let built: T | undefined;
  const schema = (): T => {
    if (built) return built;
    built = build();
    // A stand-in handed on as it is (several event contracts share one schema) keeps its name.
    const meta = '_zod' in built && !standIns.has(built) ? z.globalRegistry.get(built as unknown as z.core.$ZodType) : undefined;
    if (meta) {
      z.globalRegistry.remove(built as unknown as z.core.$ZodType);
      z.globalRegistry.add(standIn as unknown as z.core.$ZodType, meta);
    }
    return built;
  };
  const standIn: T = new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    getPrototypeOf: () => Object.getPrototypeOf(schema()),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Reported configurable: the stand-in's own target holds none of the schema's properties.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
  standIns.add(standIn);
  return standIn;
};

/**
 * Builds now every deferred schema that `value` reaches (a route's schemas, and those they are
 * made of, which a deferred schema's builder names without building them).
 */
export const buildNow = (value: unknown, seen = new Set<unknown>()): void => {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const internals = (value as { _zod?: { def: object } })._zod;
  for (const part of Object.values(internals ? internals.def : value)) buildNow(part, seen);
};
