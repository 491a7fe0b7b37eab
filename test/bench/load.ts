/**
 * Item 4, first half: add-to-cart and checkout under 32 connections on the local runtime's HTTP
 * API. Add-to-cart is driven by autocannon when it is installed (else by the bench's own closed
 * loop, said in the output); checkout always by the closed loop, since each checkout needs its
 * own cart and buyer, and its own source address (checkout limits unpaid orders per IP).
 */
import type { LocalRuntime } from '../../infra/local/runtime';
import { closedLoop, describeStatuses, loopback, type LoadFigures } from './http-client';
import { benchShopper, TERMS, type Cart } from './shopper';
import { progress, round } from './stats';

export const CONNECTIONS = 32;

export interface LoadResult extends LoadFigures {
  what: string;
  tool: 'autocannon' | 'closed loop (autocannon not installed)' | 'closed loop';
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  statusCodeStats: Record<string, { count: number }>;
}
type AutocannonRequest = { method: string; path: string; headers: Record<string, string>; body: string };
/** autocannon's per-request context: what `setupRequest` puts there, `onResponse` finds. */
type RequestContext = { cart?: Cart };
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: {
    method: string;
    path: string;
    body: string;
    headers: Record<string, string>;
    setupRequest: (r: AutocannonRequest, context: RequestContext) => AutocannonRequest;
    onResponse: (status: number, body: string, context: RequestContext) => void;
  }[];
}) => Promise<AutocannonResult>;

/** autocannon, if installed (a dev dependency to add); loaded by name so that the bench runs without it. */
const loadAutocannon = async (): Promise<Autocannon | undefined> => {
  const name = 'autocannon';
  try {
    return ((await import(name)) as { default: Autocannon }).default;
  } catch {
    return undefined;
  }
};

export const measureLoad = async (runtime: LocalRuntime, options: { seconds: number; checkouts: number }): Promise<LoadResult[]> => {
  const shop = benchShopper(runtime);
  const sku = 'EBOOK-MISERABLES';
  const carts: Cart[] = [];
  for (let i = 0; i < CONNECTIONS; i++) carts.push(await shop.createCart(loopback(3000 + i)));
  const results: LoadResult[] = [];

  const autocannon = await loadAutocannon();
  if (autocannon) {
    // Each request takes a cart no other request in flight holds, and gives it back when answered:
    // two updates of one cart at once would answer 409 (its optimistic lock), which measures the
    // bench, not the API. The carts are enough for every connection.
    const free = [...carts];
    let next = 0;
    const body = JSON.stringify({ quantity: 1 });
    const result = await autocannon({
      url: runtime.apiUrl,
      connections: CONNECTIONS,
      duration: Math.max(1, options.seconds),
      requests: [
        {
          method: 'PUT',
          path: '/',
          body,
          headers: { 'content-type': 'application/json' },
          setupRequest: (r, context) => {
            // A request that timed out never gave its cart back: then share one, and say so below.
            const cart = free.pop() ?? carts[next++ % carts.length]!;
            context.cart = cart;
            return { ...r, path: `/carts/${cart.id}/items/${sku}`, headers: { ...r.headers, ...cart.headers } };
          },
          onResponse: (_status, _body, context) => {
            if (context.cart && !free.includes(context.cart)) free.push(context.cart);
          },
        },
      ],
    });
    const statuses = Object.entries(result.statusCodeStats).filter(([status]) => status !== '200');
    results.push({
      what: 'add to cart',
      tool: 'autocannon',
      requests: result.requests.total,
      perSecond: round(result.requests.average, 0),
      p50: result.latency.p50,
      p99: result.latency.p99,
      unexpected: result.non2xx + result.errors,
      unexpectedStatuses: describeStatuses(statuses.map(([status, { count }]) => [status, count]), result.errors),
    });
  } else {
    // About as many requests as autocannon would send in the same time, judged from a short first pass.
    const probe = await closedLoop(CONNECTIONS, CONNECTIONS * 2, 200, (_, c) => shop.addItem(carts[c]!, sku));
    const total = Math.max(CONNECTIONS * 2, Math.round(probe.perSecond * options.seconds));
    const figures = await closedLoop(CONNECTIONS, total, 200, (_, c) => shop.api('PUT', `/carts/${carts[c]!.id}/items/${sku}`, { body: { quantity: 1 }, headers: carts[c]!.headers }));
    results.push({ what: 'add to cart', tool: 'closed loop (autocannon not installed)', ...figures });
  }

  progress(`preparing ${options.checkouts} carts for the checkout load`);
  const ready: Cart[] = [];
  for (let i = 0; i < options.checkouts; i++) ready.push(await shop.readyCart([sku], 200_000 + i, loopback(4000 + i)));
  const figures = await closedLoop(CONNECTIONS, ready.length, 201, (i) =>
    shop.api('POST', `/carts/${ready[i]!.id}/checkout`, { body: TERMS, headers: { ...ready[i]!.headers, 'idempotency-key': `bench-load-${i}` }, from: loopback(4000 + i) }),
  );
  results.push({ what: 'checkout', tool: 'closed loop', ...figures });
  return results;
};
