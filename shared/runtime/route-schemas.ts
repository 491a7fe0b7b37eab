import type { RouteSpec } from './wiring-spec';

/**
 * What a request is parsed with before its route's handler runs: its path, query and body schemas
 * (not a body handed on raw, which the handler reads itself). Its response schema is needed only
 * once the handler is done, and is built while the handler waits (see `buildWhileWaiting` in http.ts).
 */
export const requestSchemasOf = (route: RouteSpec): unknown[] => [route.params, route.query, route.rawBody ? undefined : route.body];
