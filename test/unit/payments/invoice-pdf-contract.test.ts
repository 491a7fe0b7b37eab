import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { invoicesRoutes } from '#payments/routes';
import { httpHandler, type FileBody } from '#runtime/http';
import { openApiDocument, documentedPath } from '#runtime/openapi';
import { routes, type RouteSpec } from '#wiring';
import { httpEvent } from '../../fixtures/http-event';

/**
 * The runtime's side of a file response: how the chain answers one (base64, its type, never
 * reduced to a schema), where it reads a token from a link, and how OpenAPI declares it.
 * Handlers are stubs; the chain and the document are under test.
 */

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { functionName: 'invoices', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const pdfBytes = new TextEncoder().encode('%PDF-1.3 a document');
let seenToken: string | undefined;
let file: () => unknown = () => ({ bytes: pdfBytes, filename: 'F2026-000001.pdf' });
const invoices = httpHandler(invoicesRoutes, 'invoices', {
  'GET /orders/{orderId}/invoice': async ({ headers }) => {
    seenToken = headers['x-order-token'];
    throw new Error('not under test');
  },
  'GET /orders/{orderId}/invoice.pdf': async ({ headers }) => {
    seenToken = headers['x-order-token'];
    return file() as FileBody;
  },
}) as unknown as Handler;
const call = (path: string, options: Parameters<typeof httpEvent>[2] = {}) => invoices(httpEvent('GET', path, options), context);

describe('a route that answers a file', () => {
  it('sends the bytes base64-encoded for API Gateway, with their type, inline, nosniff and no-store', async () => {
    const response = await call('/orders/order-0000000001/invoice.pdf', { headers: { 'x-order-token': 't' } });
    expect(response).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(Buffer.from(String(response.body), 'base64').toString('latin1')).toBe('%PDF-1.3 a document');
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="F2026-000001.pdf"',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });

  it('keeps a file name to characters a header can carry', async () => {
    file = () => ({ bytes: pdfBytes, filename: 'F2026"; x=1\r\n.pdf' });
    const response = await call('/orders/order-0000000001/invoice.pdf');
    expect(response.headers?.['content-disposition']).toBe('inline; filename="F2026___x_1__.pdf"');
  });

  it('answers a handler result that is not a file with a bare 500', async () => {
    file = () => ({ invoiceNumber: 'F2026-000001' });
    const response = await call('/orders/order-0000000001/invoice.pdf');
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(String(response.body)).not.toContain('F2026-000001');
  });
});

describe('the order token in a link', () => {
  it('reaches the use case as X-Order-Token on a route that takes it in the query; the header wins', async () => {
    file = () => ({ bytes: pdfBytes, filename: 'F.pdf' });
    await call('/orders/order-0000000001/invoice.pdf', { query: { token: 'from-link' } });
    expect(seenToken).toBe('from-link');
    await call('/orders/order-0000000001/invoice.pdf', { query: { token: 'from-link' }, headers: { 'x-order-token': 'from-header' } });
    expect(seenToken).toBe('from-header');
  });

  it('is refused by a route that does not take it, before its use case runs: 400 naming it', async () => {
    seenToken = undefined;
    const response = await call('/orders/order-0000000001/invoice', { query: { token: 'from-link' }, headers: { 'x-order-token': 'from-header' } });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toMatchObject({ errors: [{ path: 'query.token' }] });
    expect(seenToken).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  const doc = openApiDocument();
  type Operation = { parameters: { $ref?: string }[]; responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> };
  const operation = (path: string) => (doc.paths[path] as Record<string, Operation>).get!;

  it('declares the PDF as application/pdf, binary, with its Content-Disposition, and the refusals of the JSON invoice', () => {
    const pdf = operation('/orders/{orderId}/invoice.pdf');
    expect(pdf.responses['200']?.content).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    expect(pdf.responses['200']?.headers).toEqual({ 'Content-Disposition': { $ref: '#/components/headers/ContentDisposition' } });
    expect(Object.keys(pdf.responses)).toEqual(['200', '400', '404', '409', '429', '500']);
    expect(Object.keys(operation('/orders/{orderId}/invoice').responses['200']?.content ?? {})).toEqual(['application/json']);
  });

  it("shows the credit note's PDF at the contract's path, /credit-notes/{number}.pdf, its number a parameter; the route's own template is not shown", () => {
    const pdf = doc.paths['/orders/{orderId}/credit-notes/{number}.pdf'] as Record<string, Operation> | undefined;
    const parameters = (pdf?.get?.parameters ?? []) as { name?: string; in?: string }[];
    expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['orderId', 'number']);
    expect(Object.keys(pdf?.get?.responses ?? {})).toContain('200');
    expect(doc.paths).not.toHaveProperty(['/orders/{orderId}/credit-notes/{file}']);
  });

  it('documents `?token=` on the routes that take it, and on no other', () => {
    expect(doc.components.parameters.OrderTokenInQuery).toMatchObject({ name: 'token', in: 'query', required: false });
    for (const [key, route] of Object.entries(routes) as [string, RouteSpec][]) {
      const [method] = key.split(' ') as [string, string];
      const refs = (doc.paths[documentedPath(key)] as Record<string, Operation>)[method.toLowerCase()]!.parameters.map((p) => p.$ref);
      expect({ key, tokenInQuery: refs.includes('#/components/parameters/OrderTokenInQuery') }).toEqual({ key, tokenInQuery: route.tokenInQuery === true });
    }
    expect(routes['GET /orders/{orderId}/invoice.pdf'].tokenInQuery).toBe(true);
  });
});
