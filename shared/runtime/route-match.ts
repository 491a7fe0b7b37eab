import { routes, type RouteKey } from '#wiring';

interface CompiledRoute {
  key: RouteKey;
  method: string;
  regex: RegExp;
  names: string[];
}

// `{name}` matches one path segment; the declared paths use nothing else.
const compiled: CompiledRoute[] = (Object.keys(routes) as RouteKey[]).map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  const names: string[] = [];
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { key, method, regex: new RegExp(`^${pattern}$`), names };
});

export type RouteMatch =
  | { kind: 'route'; key: RouteKey; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/**
 * Which declared route a request hits. A path that exists under other methods is a 405 (with
 * the methods to put in `Allow`), otherwise a 404. Used by the local HTTP adapter to pick a
 * function, and by every function for API Gateway's `$default` route.
 */
export const matchRoute = (method: string, path: string): RouteMatch => {
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

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
