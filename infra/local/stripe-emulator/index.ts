import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { StripeApiError } from './errors';
import { parseForm, type FormObject } from './form';
import { PaymentIntents } from './payment-intents';
import { Refunds } from './refunds';
import { WebhookSender } from './webhooks';

export interface StripeEmulatorOptions {
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret: string;
  retryDelaysMs?: readonly number[];
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

type Route = [method: string, pattern: RegExp, run: (match: RegExpExecArray, form: FormObject) => unknown];

/**
 * A local stand-in for the Stripe API (the subset we call), so the real `stripe` SDK runs end
 * to end without the internet: point it here with `host`, `port` and `protocol: 'http'`.
 * Requests are form-encoded as Stripe's; `Idempotency-Key` replays the first response; errors
 * have Stripe's shape; every state change is sent to the webhook endpoint, signed.
 * `/_emulator/*` lets people and tests look at events and deliver them again or out of order.
 */
export const startStripeEmulator = async (options: StripeEmulatorOptions) => {
  const webhooks = new WebhookSender({ url: options.webhookUrl, secret: options.webhookSecret, ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }) });
  const intents = new PaymentIntents(webhooks);
  const refunds = new Refunds(intents, webhooks);
  const idempotent = new Map<string, { body: string; status: number; response: unknown }>();

  const api: Route[] = [
    ['POST', /^\/v1\/payment_intents$/, (_m, form) => intents.create(form)],
    ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (m) => intents.get(m[1] ?? '')],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/confirm$/, (m, form) => intents.confirm(m[1] ?? '', form)],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/cancel$/, (m, form) => intents.cancel(m[1] ?? '', form)],
    ['POST', /^\/v1\/refunds$/, (_m, form) => refunds.create(form)],
    ['GET', /^\/v1\/refunds\/([^/]+)$/, (m) => refunds.get(m[1] ?? '')],
  ];
  const tools: Route[] = [
    ['GET', /^\/_emulator\/events$/, () => ({ data: webhooks.events, attempts: webhooks.attempts })],
    ['GET', /^\/_emulator\/payment_intents$/, () => ({ data: [...intents.all.values()] })],
    ['POST', /^\/_emulator\/events\/([^/]+)\/deliver$/, (m) => (webhooks.deliver([m[1] ?? '']), { delivered: [m[1]] })],
    ['POST', /^\/_emulator\/deliver$/, (_m, form) => {
      const ids = Object.values((form.ids as FormObject | undefined) ?? {}).map(String);
      webhooks.deliver(ids);
      return { delivered: ids };
    }],
    ['POST', /^\/_emulator\/pause$/, () => (webhooks.pause(), { paused: true })],
    ['POST', /^\/_emulator\/resume$/, (_m, form) => (webhooks.resume({ discard: form.discard === 'true' }), { paused: false })],
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${Date.now()}` });
      res.end(JSON.stringify(payload));
    };
    const method = req.method ?? 'GET';
    for (const [m, pattern, run] of tools) {
      const match = m === method ? pattern.exec(url.pathname) : null;
      if (match) return send(200, run(match, parseForm(body)));
    }
    // Stripe takes the key as a bearer token (the SDK) or as the basic-auth user (curl -u sk_test_…:).
    const authorization = req.headers.authorization ?? '';
    const basicUser = /^Basic (.+)$/i.exec(authorization)?.[1];
    const apiKey = basicUser ? Buffer.from(basicUser, 'base64').toString('utf8').split(':')[0] : /^Bearer (.+)$/i.exec(authorization)?.[1];
    if (!/^sk_(test|live)_/.test(apiKey ?? '')) {
      return send(401, new StripeApiError(401, 'authentication_error', undefined, 'Invalid API Key provided.').toJSON());
    }
    const key = req.headers['idempotency-key'];
    const replay = typeof key === 'string' ? idempotent.get(key) : undefined;
    if (replay) {
      if (replay.body !== `${method} ${url.pathname} ${body}`) {
        return send(400, new StripeApiError(400, 'idempotency_error', undefined, 'Keys for idempotent requests can only be used with the same parameters they were first used with.').toJSON());
      }
      return send(replay.status, replay.response);
    }
    let status = 200;
    let response: unknown;
    try {
      const route = api.find(([m, pattern]) => m === method && pattern.test(url.pathname));
      if (!route) throw new StripeApiError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${url.pathname}).`);
      response = structuredClone(route[2](route[1].exec(url.pathname) as RegExpExecArray, parseForm(body)));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      response = error.toJSON();
    }
    // Like Stripe, a request's outcome is stored under its key, errors included (but not 5xx).
    if (typeof key === 'string' && method === 'POST') idempotent.set(key, { body: `${method} ${url.pathname} ${body}`, status, response });
    send(status, response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(new StripeApiError(500, 'api_error', undefined, (error as Error).message).toJSON()));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 12111, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    webhooks,
    intents,
    refunds,
    close: () => new Promise<void>((resolve) => {
      webhooks.pause();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

export type StripeEmulator = Awaited<ReturnType<typeof startStripeEmulator>>;
