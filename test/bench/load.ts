/**
 * Item 4, first half: add-to-cart and checkout under 32 connections on the local runtime's HTTP
 * API, driven by autocannon. Each request takes a cart that no other request in flight holds; each
 * connection reaches the API from an address of its own, as 32 clients would (checkout limits
 * unpaid orders per source IP, and autocannon connects from 127.0.0.1 only).
 */
import autocannon from 'autocannon';
import type { LocalRuntime } from '../../infra/local/runtime';
import { addressPerConnection, loopback } from './http-client';
import { benchShopper, TERMS, type Cart } from './shopper';
import { progress, round } from './stats';

export const CONNECTIONS = 32;

export interface LoadResult {
  what: string;
  tool: 'autocannon';
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Replies other than the expected status. */
  unexpected: number;
  /** Which they were, e.g. `409×3, 429×1` (empty when none). */
  unexpectedStatuses: string;
}

/** `409×3, no reply×1`, most frequent first. */
const describeStatuses = (result: autocannon.Result, expected: number): string => {
  const counts: [string, number][] = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expected)
    .map(([status, { count }]) => [status, count ?? 0]);
  if (result.errors) counts.push(['no reply', result.errors]);
  return counts.sort((a, b) => b[1] - a[1]).map(([status, n]) => `${status}×${n}`).join(', ');
};

const figures = (what: string, result: autocannon.Result, expected: number): LoadResult => {
  const answeredAsExpected = result.statusCodeStats?.[`${expected}`]?.count ?? 0;
  return {
    what,
    tool: 'autocannon',
    requests: result.requests.total,
    perSecond: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: result.requests.total - answeredAsExpected + result.errors,
    unexpectedStatuses: describeStatuses(result, expected),
  };
};

export const measureLoad = async (runtime: LocalRuntime, options: { seconds: number; checkouts: number }): Promise<LoadResult[]> => {
  const shop = benchShopper(runtime);
  const sku = 'EBOOK-MISERABLES';
  const relay = await addressPerConnection(runtime.apiUrl, 5000);
  try {
    const carts: Cart[] = [];
    for (let i = 0; i < CONNECTIONS; i++) carts.push(await shop.createCart(loopback(3000 + i)));
    // A cart is given back when its request is answered: two updates of one cart at once would
    // answer 409 (its optimistic lock), which measures the bench, not the API.
    const free = [...carts];
    let shared = 0;
    const addToCart = await autocannon({
      url: relay.url,
      connections: CONNECTIONS,
      duration: Math.max(1, options.seconds),
      requests: [
        {
          method: 'PUT',
          body: JSON.stringify({ quantity: 1 }),
          headers: { 'content-type': 'application/json' },
          setupRequest: (request, context: { cart?: Cart }) => {
            // A request that timed out never gave its cart back: then share one (its 409s are counted).
            const cart = free.pop() ?? carts[shared++ % carts.length]!;
            context.cart = cart;
            return { ...request, path: `/carts/${cart.id}/items/${sku}`, headers: { ...request.headers, ...cart.headers } };
          },
          onResponse: (_status, _body, context: { cart?: Cart }) => {
            const cart = context.cart;
            if (cart && !free.includes(cart)) free.push(cart);
          },
        },
      ],
    });

    progress(`preparing ${options.checkouts} carts for the checkout load`);
    const ready: Cart[] = [];
    for (let i = 0; i < options.checkouts; i++) ready.push(await shop.readyCart([sku], 200_000 + i, loopback(4000 + i)));
    // Each checkout takes the next cart, with a key of its own: a client's first attempt, not a replay.
    let next = 0;
    const checkout = await autocannon({
      url: relay.url,
      connections: CONNECTIONS,
      amount: ready.length,
      requests: [
        {
          method: 'POST',
          body: JSON.stringify(TERMS),
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const i = next++;
            const cart = ready[i % ready.length]!;
            return { ...request, path: `/carts/${cart.id}/checkout`, headers: { ...request.headers, ...cart.headers, 'idempotency-key': `bench-load-${i}` } };
          },
        },
      ],
    });
    if (next > ready.length) progress(`checkout load: ${next - ready.length} request(s) found no cart left and reused one (counted as unexpected if not 201)`);
    return [figures('add to cart', addToCart, 200), figures('checkout', checkout, 201)];
  } finally {
    await relay.close();
  }
};
