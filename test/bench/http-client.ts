/**
 * A small HTTP client for the local runtime's API. Each request may leave from its own loopback
 * address (127.0.0.2, .3...): checkout limits unpaid orders per source IP, and a benchmark that
 * placed every order from 127.0.0.1 would measure the rate limiter, not checkout.
 */
import http from 'node:http';
import { percentile, round } from './stats';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  ms: number;
}

const agents = new Map<string, http.Agent>();
const agentFor = (localAddress: string) => {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new http.Agent({ keepAlive: true, localAddress })));
  return agent;
};

/** The n-th loopback address past 127.0.0.1 (n ≥ 1), 127.0.x.y. */
export const loopback = (n: number): string => `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;

export const request = <T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; from?: string } = {},
  retried = false,
): Promise<Reply<T>> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const started = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent: agentFor(options.from ?? '127.0.0.1'),
        headers: { 'content-type': 'application/json', ...(payload !== undefined && { 'content-length': Buffer.byteLength(payload) }), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : {};
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, ms });
        });
      },
    );
    // A kept-alive socket the server closed as idle at the moment it was reused: the request never
    // reached the server, so it is sent again once (as Node's documentation advises).
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(request<T>(baseUrl, method, path, options, true));
      else reject(error);
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });

export const closeAgents = () => {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
};

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Replies other than the expected status. */
  unexpected: number;
  /** Which they were, e.g. `409×3, 429×1` (empty when none). */
  unexpectedStatuses: string;
}

/** `409×3, 429×1`, most frequent first, with requests that got no reply at all. */
export const describeStatuses = (counts: Iterable<readonly [string, number]>, errors = 0): string =>
  [...[...counts].sort((a, b) => b[1] - a[1]), ...(errors ? ([['no reply', errors]] as const) : [])].map(([status, n]) => `${status}×${n}`).join(', ');

export const loadFigures = (latencies: number[], elapsedMs: number, unexpected: Map<number, number>): LoadFigures => ({
  requests: latencies.length,
  perSecond: round(latencies.length / (elapsedMs / 1000), 0),
  p50: round(percentile(latencies, 50)),
  p99: round(percentile(latencies, 99)),
  unexpected: [...unexpected.values()].reduce((a, b) => a + b, 0),
  unexpectedStatuses: describeStatuses([...unexpected].map(([status, n]) => [String(status), n] as const)),
});

/**
 * A closed loop: `connections` clients, each sending its next request as soon as the last one is
 * answered, until `total` requests were sent. `send(i)` sends the i-th and returns its status.
 */
export const closedLoop = async (connections: number, total: number, expected: number, send: (i: number, connection: number) => Promise<Reply<unknown>>): Promise<LoadFigures> => {
  const latencies: number[] = [];
  let next = 0;
  const unexpected = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, connection) => {
      for (let i = next++; i < total; i = next++) {
        const reply = await send(i, connection);
        latencies.push(reply.ms);
        if (reply.status !== expected) unexpected.set(reply.status, (unexpected.get(reply.status) ?? 0) + 1);
      }
    }),
  );
  return loadFigures(latencies, performance.now() - started, unexpected);
};
