interface CompiledRoute<K extends string> {
  key: K;
  method: string;
  regex: RegExp;
  names: string[];
}

export type RouteMatch<K extends string = string> =
  | { kind: 'route'; key: K; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/**
 * Which of the given routes (`METHOD /path/{param}` keys) a request hits. A path that exists
 * under other methods is a 405 (with the methods to put in `Allow`), otherwise a 404. The
 * routes come in as keys only, so a function can match against the whole API without loading
 * every context's schemas.
 */
export const createRouteMatcher = <K extends string>(keys: readonly K[]) => {
  // `{name}` matches one path segment; the declared paths use nothing else.
  const compiled: CompiledRoute<K>[] = keys.map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { key, method, regex: new RegExp(`^${pattern}$`), names };
  });
  return (method: string, path: string): RouteMatch<K> => {
    const allow: string[] = [];
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'route', key: route.key, params };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  };
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The route keys an OpenAPI document declares (`GET /products/{sku}`): generated from the wiring
 * (`npm run openapi`, kept current by a test), it is the API's every route without its schemas.
 */
export const routeKeysOf = (document: { paths: Record<string, Record<string, unknown>> }): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    // A path item may also hold `parameters`, `summary`...: only its operations are routes.
    Object.keys(item)
      .filter((key) => HTTP_METHODS.has(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
