import { describe, expect, it } from 'vitest';
import { routes } from '#wiring';
import { documentedPath } from '#runtime/openapi';
import { createRouteMatcher, routeKeysOf } from '#runtime/route-matcher';
import openApi from '../../../functions/catalog/openapi.json' with { type: 'json' };

describe('the route keys the catalog reads from the OpenAPI document for `$default`', () => {
  it('are exactly the routes of the wiring, each at the path the contract writes', () => {
    const documented = Object.keys(routes).map((key) => `${key.split(' ')[0]} ${documentedPath(key)}`);
    expect(routeKeysOf(openApi).sort()).toEqual(documented.sort());
    // The credit note's PDF, routed by API Gateway as `{file}`: its URLs match the documented path.
    const match = createRouteMatcher(routeKeysOf(openApi));
    expect(match('GET', '/orders/o1/credit-notes/A2026-000001.pdf')).toMatchObject({ kind: 'route', params: { orderId: 'o1', number: 'A2026-000001' } });
    expect(match('POST', '/orders/o1/credit-notes/A2026-000001.pdf')).toEqual({ kind: 'method-not-allowed', allow: ['GET'] });
  });

  it("are the path items' operations only, never their shared parameters or summary", () => {
    const document = { paths: { '/carts/{cartId}': { parameters: [], summary: 'a cart', get: {}, delete: {} } } };
    expect(routeKeysOf(document)).toEqual(['GET /carts/{cartId}', 'DELETE /carts/{cartId}']);
    expect(createRouteMatcher(routeKeysOf(document))('POST', '/carts/c1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'DELETE'] });
  });
});
