import { createServer, type RequestListener } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Duplex } from 'node:stream';

/** What answers a connection whose request Node's parser refused (Node's `clientError` event). */
export type ClientErrorListener = (error: NodeJS.ErrnoException, socket: Duplex) => void;

/** A port bound and kept from the start of the runtime, served once what answers on it is ready. */
export interface HeldPort {
  readonly port: number;
  /** Answers the port's requests with `handler` from now on; what Node's parser refuses, with `onClientError` if given (else Node answers). */
  serve(handler: RequestListener, onClientError?: ClientErrorListener): void;
  /** Lets the port go, its open connections with it; nothing if it is already let go. */
  close(): Promise<void>;
}

const inUse = (port: number, what: string) => new Error(`Port ${port} (${what}) is already in use: stop what runs there or choose another port.`);

/**
 * Binds `port` now (0: a free one) and keeps it, with one sentence naming it if it is taken.
 * Finding a free port, letting it go and listening on it seconds later lets the kernel hand it to
 * any outgoing connection meanwhile (port 0 draws from the ephemeral range they use): once in some
 * twenty test runs, a listen then failed with EADDRINUSE. Until `serve`, requests are answered 503.
 */
export const holdPort = (port: number, what: string, host = '127.0.0.1'): Promise<HeldPort> =>
  new Promise((resolve, reject) => {
    const starting: RequestListener = (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: `${what} is starting.` }));
    };
    const server = createServer(starting);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? inUse(port, what) : error),
    );
    server.listen(port, host, () =>
      resolve({
        port: (server.address() as { port: number }).port,
        serve: (handler, onClientError) => {
          server.removeListener('request', starting).on('request', handler);
          if (onClientError) server.on('clientError', onClientError);
        },
        close: () =>
          new Promise((done) => {
            if (!server.listening) return done();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });

/** `port` served by `handler`: a port held since the start, or one bound now. */
export const serve = async (port: number | HeldPort, handler: RequestListener, what: string, options: { host?: string; onClientError?: ClientErrorListener } = {}) => {
  const held = typeof port === 'number' ? await holdPort(port, what, options.host) : port;
  held.serve(handler, options.onClientError);
  return { port: held.port, close: held.close };
};

/**
 * Resolves with the port if it is free now, or rejects with a sentence naming it: for a process
 * that binds the port itself (DynamoDB Local's Java), which nothing here can hold for it.
 */
export const requireFreePort = (port: number, what: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', () => reject(inUse(port, what)));
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as { port: number }).port;
      server.close(() => resolve(actual));
    });
  });
