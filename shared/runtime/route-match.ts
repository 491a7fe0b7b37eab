import { routes, type RouteKey } from '#wiring';
import { createRouteMatcher, type RouteMatch } from './route-matcher';

export type { RouteMatch } from './route-matcher';

/**
 * Which declared route of the whole API a request hits (404, or 405 with `Allow`). Used by the
 * local HTTP adapter to pick a function, and by tests. Functions match with `route-matcher.ts`
 * instead: importing this module loads every context's wiring and schemas.
 */
export const matchRoute: (method: string, path: string) => RouteMatch<RouteKey> = createRouteMatcher(Object.keys(routes) as RouteKey[]);
