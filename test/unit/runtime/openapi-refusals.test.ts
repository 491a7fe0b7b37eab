import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, documentedPath } from '#runtime/openapi';
import { routes } from '#wiring';
import { routeRefusals, type RouteRefusals } from '../../support/route-refusals';

/**
 * A generated client knows a 409 or a 422 only if the document declares it. Which ones a route can
 * answer is read from the code (test/support/route-refusals.ts): every ConflictError and
 * UnprocessableError its use case can reach, through its domain, its adapters and the shared
 * helpers (the idempotency wrapper, optimistic-lock retries). The e2e suites would see only the
 * refusals they provoke; most concurrent-write and Stripe refusals they never do.
 */

const root = fileURLToPath(new URL('../../..', import.meta.url));
const doc = openApiDocument();
const keys = Object.keys(routes);
let analysis: RouteRefusals;

const declared = (key: string) => {
  const [method] = key.split(' ') as [string, string];
  const responses = (doc.paths[documentedPath(key)]?.[method.toLowerCase()] as { responses: Record<string, unknown> } | undefined)?.responses ?? {};
  return [409, 422, 503].filter((status) => String(status) in responses);
};
const reachable = (key: string) => [...new Set((analysis.byRoute.get(key) ?? []).map((site) => site.status))].sort();

describe('the refusals the OpenAPI document declares', () => {
  beforeAll(() => {
    analysis = routeRefusals(root);
  }, 180_000);

  it('reads the code of every route the wiring declares, and sees an implementation behind every port it calls', () => {
    expect([...analysis.byRoute.keys()].sort()).toEqual([...keys].sort());
    expect(analysis.blindSpots, 'calls through a port with no implementation in sight: their refusals would go unseen').toEqual([]);
  });

  it('are exactly the 409, 422 and 503 each route can answer', () => {
    const undeclared = keys.flatMap((key) =>
      (analysis.byRoute.get(key) ?? []).filter((site) => !declared(key).includes(site.status)).map((site) => `${key} → ${site.status}: ${site.error} at ${site.at}`),
    );
    const hint = `Declare each in \`refusals\` (shared/runtime/openapi.ts), saying when; then \`npm run openapi\`.\n${undeclared.join('\n')}`;
    expect(Object.fromEntries(keys.map((key) => [key, declared(key)])), hint).toEqual(Object.fromEntries(keys.map((key) => [key, reachable(key)])));
  });

  it('include those API.md names: a cancel of a shipped order, a refund above what is left', () => {
    expect(declared('POST /admin/orders/{orderId}/cancel')).toContain(409);
    expect(declared('POST /admin/orders/{orderId}/refunds')).toContain(422);
    expect(declared('POST /orders/{orderId}/returns')).toContain(422);
  });
});
