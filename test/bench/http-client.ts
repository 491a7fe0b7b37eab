/**
 * A small HTTP client for the local runtime's API. Each request may leave from its own loopback
 * address (127.0.0.2, .3...): checkout limits unpaid orders per source IP, and a benchmark that
 * placed every order from 127.0.0.1 would measure the rate limiter, not checkout.
 */
import http from 'node:http';
import net from 'node:net';

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

/**
 * A TCP relay in front of the API that connects each client's connection from an address of its
 * own (the first from `loopback(first)`, then the next...), as that many clients would reach API
 * Gateway: a load tool that connects from 127.0.0.1 alone would meet checkout's per-IP caps.
 */
export const addressPerConnection = async (apiUrl: string, first: number) => {
  const target = new URL(apiUrl);
  const sockets = new Set<net.Socket>();
  let n = first;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port), localAddress: loopback(n++) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // Either side failing ends the pair: the client sees its connection closed, as it would.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
