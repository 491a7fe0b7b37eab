import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { serve, type HeldPort } from '../ports';
import { Charges } from './charges';
import { apiError, keyInUse, StripeApiError } from './errors';
import { canonical, parseForm } from './form';
import { IdempotencyStore } from './idempotency';
import { newId } from './objects';
import { PaymentIntents } from './payment-intents';
import { Refunds } from './refunds';
import { apiRoutes, toolRoutes, type Route } from './routes';
import { WebhookSender, type ChaosOptions } from './webhooks';

export type { ChaosOptions } from './webhooks';
export { seededRandom } from './events';

/**
 * API faults, as Stripe may cause them: every call takes up to `maxLatencyMs` (another call with
 * the key of one still running meets Stripe's 409 `idempotency_key_in_use`), and some answers are
 * lost after the work is done, the connection closed unanswered (at most once per key: the SDK's
 * retry with the same key then gets the saved answer, as from Stripe).
 */
export interface ApiChaosOptions {
  random: () => number;
  maxLatencyMs: number;
  /** Share of answers to keyed requests lost (0..1). */
  lostAnswerRate: number;
}

export interface StripeEmulatorOptions {
  /** 12111 by default, as stripe-mock. */
  port?: number | HeldPort;
  host?: string;
  webhookUrl?: string;
  webhookSecret: string;
  retryDelaysMs?: readonly number[];
  /** The API version events are rendered with; by default the one the installed `stripe` SDK pins. */
  apiVersion?: string;
  /** Given, the events of one state change are delivered in an order drawn from it (Stripe promises none). */
  random?: () => number;
  /** Delivery faults: some webhooks delivered twice, some late (its `random` also orders each change's events). Without it, delivery is deterministic. */
  chaos?: ChaosOptions;
  /** API faults: slow calls, keys in use, lost answers. Without it, each call is answered at once. */
  apiChaos?: ApiChaosOptions;
  /** How long asynchronous refund outcomes take (`pm_card_pendingRefund`, `pm_card_refundFail`); 200 ms by default. */
  refundSettleMs?: number;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

const find = (routes: Route[], method: string, url: URL) => routes.find(([m, pattern]) => m === method && pattern.test(url.pathname));

interface ApiCall {
  method: string;
  url: URL;
  params: ReturnType<typeof parseForm>;
  apiKey: string;
  key: string | undefined;
  requestId: string;
  send: (status: number, payload: string | object, headers?: Record<string, string>) => void;
}

/** Stripe takes the key as a bearer token (the SDK) or as the basic-auth user (`curl -u sk_test_…:`). */
const apiKeyOf = (req: IncomingMessage): string | undefined => {
  const authorization = req.headers.authorization ?? '';
  const basicUser = /^Basic (.+)$/i.exec(authorization)?.[1];
  return basicUser ? Buffer.from(basicUser, 'base64').toString('utf8').split(':')[0] : /^Bearer (.+)$/i.exec(authorization)?.[1];
};

const authError = (apiKey: string | undefined) =>
  new StripeApiError(
    401,
    'authentication_error',
    undefined,
    apiKey
      ? `Invalid API Key provided: ${apiKey.length > 12 ? `${apiKey.slice(0, 8)}${'*'.repeat(apiKey.length - 12)}${apiKey.slice(-4)}` : apiKey}`
      : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
  );

/**
 * A local stand-in for the Stripe API (the subset we use), so the real `stripe` SDK runs end to
 * end without the internet: point it here with `host`, `port` and `protocol: 'http'`. Objects are
 * whole (every field Stripe always sends), requests form-encoded and checked as Stripe checks
 * them, idempotency keys honoured as Stripe honours them, errors Stripe-shaped; every state change
 * is sent to the webhook endpoint as Stripe's events, signed. `/_emulator/*` lets people and tests
 * look at events, deliver them again or out of order, settle refunds and inject faults.
 */
export const startStripeEmulator = async (options: StripeEmulatorOptions) => {
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const webhooks = new WebhookSender({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    apiVersion,
    ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }),
    ...(options.random && { random: options.random }),
    ...(options.chaos && { chaos: options.chaos }),
  });
  const charges = new Charges();
  const intents = new PaymentIntents(charges, webhooks);
  const refunds = new Refunds(intents, charges, webhooks, options.refundSettleMs);
  const idempotency = new IdempotencyStore();
  const apiInjected = { keysInUse: 0, lostAnswers: 0 };
  const answersLost = new Set<string>();
  const faults = { remaining: 0, status: 500 };
  /** The next `count` API calls (`/v1/*`) answer `status` with Stripe's `api_error`, and do nothing else. */
  const failNext = (count: number, status: number) => {
    if (!Number.isInteger(count) || count < 0 || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`failNext(count, status): a count ≥ 0 and a 4xx/5xx status, not (${count}, ${status})`);
    }
    Object.assign(faults, { remaining: count, status });
  };
  const stores = { intents, charges, refunds, webhooks };
  const api = apiRoutes(stores);
  const tools = toolRoutes(stores, failNext);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const requestId = newId('req');
    const send = (status: number, payload: string | object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, 'stripe-version': String(req.headers['stripe-version'] ?? apiVersion), ...headers });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2));
    };
    const tool = find(tools, method, url);
    if (tool) return send(200, tool[2](tool[1].exec(url.pathname) as RegExpExecArray, parseForm(body)) as object);
    if (url.pathname.startsWith('/v1/') && faults.remaining > 0) {
      faults.remaining--;
      return send(faults.status, apiError(faults.status).toJSON());
    }
    const apiKey = apiKeyOf(req);
    if (!apiKey || !/^sk_(test|live)_/.test(apiKey)) return send(401, authError(apiKey).toJSON());
    const params = parseForm(method === 'POST' ? body : url.search.slice(1));
    // Keys only mean something on POST; Stripe ignores them on GET and DELETE.
    const rawKey = req.headers['idempotency-key'];
    const key = method === 'POST' && typeof rawKey === 'string' && rawKey !== '' ? rawKey : undefined;
    if (key && !idempotency.begin(apiKey, key)) {
      apiInjected.keysInUse++;
      return send(409, keyInUse().toJSON(), { 'idempotency-key': key });
    }
    try {
      await run(req, { method, url, params, apiKey, key, requestId, send });
    } finally {
      if (key) idempotency.end(apiKey, key);
    }
  };

  /** An API call, its key held: the saved answer replayed, or the endpoint run and its answer saved. */
  const run = async (req: IncomingMessage, { method, url, params, apiKey, key, requestId, send }: ApiCall) => {
    const request = { method, path: url.pathname, params: canonical(params) };
    if (key) {
      const earlier = idempotency.check(apiKey, key, request);
      if (earlier instanceof StripeApiError) return send(earlier.status, earlier.toJSON(), { 'idempotency-key': key });
      if (earlier) return send(earlier.status, earlier.body, { 'idempotency-key': key, 'idempotent-replayed': 'true', 'original-request': earlier.requestId });
    }
    const chaos = options.apiChaos;
    if (chaos) await new Promise((resolve) => setTimeout(resolve, chaos.random() * chaos.maxLatencyMs));
    let status = 200;
    let response: object;
    let save = true;
    try {
      const route = find(api, method, url);
      if (!route) throw new StripeApiError(404, 'invalid_request_error', undefined, `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`, {}, true);
      response = webhooks.during({ id: requestId, idempotencyKey: key ?? null }, () => route[2](route[1].exec(url.pathname) as RegExpExecArray, params)) as object;
    } catch (error) {
      const failure = error instanceof StripeApiError ? error : new StripeApiError(500, 'api_error', undefined, (error as Error).message);
      status = failure.status;
      response = failure.toJSON();
      save = !failure.validation;
    }
    const text = JSON.stringify(response, null, 2);
    // Stripe saves the outcome once the endpoint ran, errors (500s too) included; not refused parameters.
    if (key && save) idempotency.save(apiKey, key, { ...request, status, body: text, requestId });
    if (key && save && chaos && !answersLost.has(`${apiKey} ${key}`) && chaos.random() < chaos.lostAnswerRate) {
      answersLost.add(`${apiKey} ${key}`);
      apiInjected.lostAnswers++;
      return void req.socket.destroy();
    }
    send(status, text, key ? { 'idempotency-key': key } : {});
  };

  const { port, close } = await serve(
    options.port ?? 12111,
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(new StripeApiError(500, 'api_error', undefined, (error as Error).message).toJSON()));
      });
    },
    'the Stripe emulator',
    { host: options.host },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    apiVersion,
    webhooks,
    intents,
    charges,
    refunds,
    failNext,
    /** What is left of `failNext`: the calls still to fail, and their status. */
    faultsInForce: () => ({ failNext: faults.remaining, status: faults.status }),
    /** Faults injected by `chaos` so far (live counters). */
    chaosInjected: webhooks.chaosInjected,
    /** API faults injected by `apiChaos` so far, and the 409s of keys in use (live counters). */
    apiInjected,
    /** Settles now the refunds whose outcome would come later; returns how many. */
    settleRefunds: () => refunds.settleAll(),
    /** Resolves when no refund outcome is pending and no webhook is left to deliver. */
    idle: async () => {
      await refunds.idle();
      await webhooks.idle();
    },
    close: () => {
      refunds.stop();
      webhooks.stop();
      return close();
    },
  };
};

export type StripeEmulator = Awaited<ReturnType<typeof startStripeEmulator>>;
