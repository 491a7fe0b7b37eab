import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';

/**
 * What a client team does with `GET /openapi.json`: generate types with openapi-typescript, then
 * call the API through openapi-fetch. The README flow is written once (below), type-checked
 * against the generated types, and run against the local runtime.
 */

const flowSource = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

export interface Shop {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  adminToken: string;
  customerToken: string;
  idempotencyKey: string;
  pay: (paymentIntentId: string) => Promise<void>;
}

const must = <T>(step: string, reply: { data?: T; error?: unknown; response: Response }): T => {
  if (reply.data === undefined) throw new Error(step + ': ' + reply.response.status + ' ' + JSON.stringify(reply.error));
  return reply.data;
};

export const readmeFlow = async (shop: Shop) => {
  const api = createClient<paths>({ baseUrl: shop.baseUrl, fetch: shop.fetch });
  const admin = { authorization: 'Bearer ' + shop.adminToken };

  must('health', await api.GET('/health'));
  const products = must('products', await api.GET('/products', { params: { query: { limit: 5 } } }));
  must('one product', await api.GET('/products/{sku}', { params: { path: { sku: 'BOOK-PETIT-PRINCE' } } }));

  const product = { name: 'Logo mug', type: 'physical', price: { amount: 1290, currency: 'EUR' }, taxCategory: 'standard', category: 'kitchen' } as const;
  must('admin product', await api.PUT('/admin/products/{sku}', { params: { path: { sku: 'MUG-LOGO' } }, body: product, headers: admin }));
  must('admin stock', await api.POST('/admin/products/{sku}/stock', { params: { path: { sku: 'MUG-LOGO' } }, body: { set: 3 }, headers: admin }));
  must('admin promotion', await api.PUT('/admin/promotions/{code}', { params: { path: { code: 'WELCOME10' } }, body: { kind: 'percent', value: 10 }, headers: admin }));

  const cart = must('cart', await api.POST('/carts', { body: {} }));
  const onCart = { path: { cartId: cart.id }, header: { 'X-Cart-Token': cart.token } };
  must('item', await api.PUT('/carts/{cartId}/items/{sku}', { params: { ...onCart, path: { cartId: cart.id, sku: 'MUG-LOGO' } }, body: { quantity: 2 } }));
  const shippingAddress = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
  must('customer', await api.PUT('/carts/{cartId}/customer', { params: onCart, body: { email: 'camille@example.fr', shippingAddress } }));
  const discounted = must('promotion', await api.POST('/carts/{cartId}/promotions', { params: onCart, body: { code: 'WELCOME10' } }));
  must('claim', await api.POST('/carts/{cartId}/claim', { params: onCart, headers: { authorization: 'Bearer ' + shop.customerToken } }));

  const placed = must('checkout', await api.POST('/carts/{cartId}/checkout', {
    params: { path: onCart.path, header: { ...onCart.header, 'Idempotency-Key': shop.idempotencyKey } },
    body: { acceptTerms: true, termsVersion: '2026-01' },
  }));
  await shop.pay(placed.payment.paymentIntentId);

  const onOrder = { path: { orderId: placed.order.id }, header: { 'X-Order-Token': placed.orderToken } };
  let order = must('order', await api.GET('/orders/{orderId}', { params: onOrder }));
  for (let tries = 0; order.status !== 'paid' && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 50));
    order = must('order', await api.GET('/orders/{orderId}', { params: onOrder }));
  }
  const invoice = must('invoice', await api.GET('/orders/{orderId}/invoice', { params: onOrder }));
  const mine = must('my orders', await api.GET('/me/orders', { headers: { authorization: 'Bearer ' + shop.customerToken } }));
  return { products: products.items.length, discount: discounted.totals.discount.amount, placed, order, invoice, mine: mine.items.map((o) => o.id) };
};
`;

/** The control: a checkout without its cart token or Idempotency-Key must not compile. */
const wrongSource = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000' });
export const noToken = () =>
  api.POST('/carts/{cartId}/checkout', { params: { path: { cartId: 'c' }, header: { 'Idempotency-Key': 'k' } }, body: { acceptTerms: true, termsVersion: '2026-01' } });
`;

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  },
  files: ['readme-flow.ts', 'wrong-call.ts'],
};

/** What readme-flow.ts exports, as this file sees it (the generated types exist only at run time). */
type Order = { id: string; status: string; invoiceNumber: string | null };
type Flow = {
  readmeFlow: (shop: {
    baseUrl: string;
    fetch: (request: Request) => Promise<Response>;
    adminToken: string;
    customerToken: string;
    idempotencyKey: string;
    pay: (paymentIntentId: string) => Promise<void>;
  }) => Promise<{ products: number; discount: number; placed: { order: Order }; order: Order; invoice: Record<string, unknown>; mine: string[] }>;
};

let runtime: LocalRuntime;
let dir: string;
let document: { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }> }>>; components: { responses: Record<string, { content?: Record<string, { schema: object }> }> } };

beforeAll(async () => {
  runtime = await startTestRuntime();
  // Inside the project, so that the generated files resolve openapi-fetch from its node_modules.
  dir = resolve('.local', `generated-client-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  document = (await (await fetch(`${runtime.apiUrl}/openapi.json`)).json()) as typeof document;
  // `defaultNonNullable: false`: by default openapi-typescript makes a field with a `default`
  // required even in a request body (openapi-ts/openapi-typescript#1741, #2012), where the default
  // is what the server assumes when the field is missing. What we send lists such fields as
  // `required`, so response types lose nothing.
  const types = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { defaultNonNullable: false });
  writeFileSync(join(dir, 'api.d.ts'), astToString(types));
  writeFileSync(join(dir, 'readme-flow.ts'), flowSource);
  writeFileSync(join(dir, 'wrong-call.ts'), wrongSource);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
});
afterAll(async () => {
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Each response's body against the schema the document declares for its path, method, status and content type. */
const responseChecker = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  ajv.addKeyword('components');
  ajv.addSchema({ $id: 'https://commerce.local/openapi.json', components: (document as unknown as { components: object }).components });
  const templates = Object.keys(document.paths).map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  return (method: string, url: string, status: number, contentType: string, body: unknown) => {
    const path = templates.find((t) => t.pattern.test(new URL(url).pathname))?.path;
    const declared = path ? document.paths[path]?.[method.toLowerCase()]?.responses[status] : undefined;
    const response = declared?.$ref ? document.components.responses[declared.$ref.split('/').pop() ?? ''] : declared;
    const mediaType = contentType.split(';')[0] ?? '';
    const schema = response?.content?.[mediaType]?.schema;
    if (!schema) return `${method} ${url} → ${status} ${mediaType}: not in the document`;
    const validate = ajv.compile(rebase(schema));
    return validate(body) ? undefined : `${method} ${url} → ${status}: ${ajv.errorsText(validate.errors)}`;
  };
};
/** The document's local refs, made absolute so that they resolve from a schema compiled on its own. */
const rebase = (schema: object): object =>
  JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"https://commerce.local/openapi.json#/components/'));

describe('a client generated from GET /openapi.json', () => {
  it('type-checks the README flow, and refuses a checkout without its cart token', () => {
    const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    const errors = tsc.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.filter((line) => line.includes('readme-flow.ts'))).toEqual([]);
    expect(errors.filter((line) => line.includes('wrong-call.ts')).join('\n')).toContain('X-Cart-Token');
  });

  it('runs the README flow against the local runtime, every response as the document declares it', async () => {
    const check = responseChecker();
    // The control: the checker refuses what the document does not declare.
    expect(check('GET', `${runtime.apiUrl}/health`, 200, 'application/json', { status: 'down' })).toContain('must be equal to constant');
    expect(check('GET', `${runtime.apiUrl}/nowhere`, 200, 'application/json', {})).toContain('not in the document');
    const problems: string[] = [];
    let checked = 0;
    const recordingFetch = async (request: Request) => {
      const response = await fetch(request);
      const text = await response.clone().text();
      checked++;
      const problem = check(request.method, request.url, response.status, response.headers.get('content-type') ?? '', text ? JSON.parse(text) : undefined);
      if (problem) problems.push(problem);
      return response;
    };
    const { readmeFlow } = (await import(pathToFileURL(join(dir, 'readme-flow.ts')).href)) as Flow;
    const result = await readmeFlow({
      baseUrl: runtime.apiUrl,
      fetch: recordingFetch,
      adminToken: runtime.adminToken,
      customerToken: await runtime.mintToken({ sub: 'customer-readme', email: 'camille@example.fr' }),
      idempotencyKey: `readme-${Date.now()}`,
      pay: async (paymentIntentId) => {
        const confirmed = await fetch(`${runtime.stripeUrl}/v1/payment_intents/${paymentIntentId}/confirm`, {
          method: 'POST',
          headers: { authorization: 'Bearer sk_test_local_emulator', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'payment_method=pm_card_visa',
        });
        expect(confirmed.status).toBe(200);
      },
    });
    expect(result.products).toBe(5);
    expect(result.discount).toBeGreaterThan(0);
    expect(result.order).toMatchObject({ id: result.placed.order.id, status: 'paid', invoiceNumber: expect.stringMatching(/^F\d{4}-\d{6}$/) });
    expect(result.invoice).toMatchObject({ invoiceNumber: result.order.invoiceNumber });
    expect(result.mine).toContain(result.placed.order.id);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});
