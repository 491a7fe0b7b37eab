import { describe, expect, it } from 'vitest';
import { routes } from '#wiring';
import { createRouteMatcher, routeKeysOf } from '#runtime/route-matcher';
import openApi from '../../../functions/catalog/openapi.json' with { type: 'json' };

describe('the route keys the catalog reads from the OpenAPI document for `$default`', () => {
  it('are exactly the routes of the wiring', () => {
    expect(routeKeysOf(openApi).sort()).toEqual(Object.keys(routes).sort());
  });

  it("are the path items' operations only, never their shared parameters or summary", () => {
    const document = { paths: { '/carts/{cartId}': { parameters: [], summary: 'a cart', get: {}, delete: {} } } };
    expect(routeKeysOf(document)).toEqual(['GET /carts/{cartId}', 'DELETE /carts/{cartId}']);
    expect(createRouteMatcher(routeKeysOf(document))('POST', '/carts/c1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'DELETE'] });
  });
});
