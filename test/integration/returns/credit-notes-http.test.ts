import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '#ordering/domain/order';
import { createOrderTokens } from '#ordering/adapters/order-tokens';
import { creditNoteOf } from '#returns/domain/credit-note';
import { refundLineFor } from '#returns/domain/refund-amounts';
import { reserveRefund, type RefundRequest } from '#returns/domain/refunds';
import { signingKey } from '#runtime/signing';
import { httpEvent } from '../../fixtures/http-event';
import { storeOrders } from '../../fixtures/orders';
import { freshTables } from '../../support/dynamo';
import { anInvoicedOrder, eur } from '../../unit/returns/credit-note-fixtures';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { functionName: 'credit-notes', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
/** The key the test run gives every function (SIGNING_SECRET in .config/vitest.config.ts). */
const orderTokens = createOrderTokens(signingKey('test-signing-key-0123456789'));
const token = (orderId: string) => orderTokens.issue(orderId);

/** An invoiced order, refunded as asked, each refund with its credit note (A2026-000001, -000002…). */
const refunded = (id: string, requests: ((order: Order) => RefundRequest)[], overrides: Partial<Order> = {}): Order => {
  let order: Order = { ...anInvoicedOrder(), id, customerId: 'customer-sub-1', ...overrides };
  for (const [i, request] of requests.entries()) {
    const at = `2026-12-0${i + 3}T15:20:00.000Z`;
    const refund = { ...reserveRefund(order, request(order), new Date(at)), status: 'succeeded' as const };
    const note = creditNoteOf(order, refund, { number: `A2026-00000${i + 1}`, at })!;
    order = { ...order, refunds: [...(order.refunds ?? []), { ...refund, creditNoteNumber: note.number }], creditNotes: [...(order.creditNotes ?? []), note] };
  }
  return order;
};
const oneBook = (order: Order): RefundRequest => ({ id: 'refund-book', reason: 'defective', lines: [refundLineFor(order, 'BOOK-CUISINE-FR', 1)] });
const goodwill = (): RefundRequest => ({ id: 'refund-goodwill', reason: 'Geste commercial', amount: eur(1_000) });
/** The order as stored before credited lines stated their unit prices and discount (December 2026). */
const storedUnpriced = (order: Order): Order => ({
  ...order,
  creditNotes: order.creditNotes?.map((note) => ({ ...note, lines: note.lines.map(({ unitPrice: _p, discount: _d, unitPriceExcludingTax: _n, ...line }) => line) })),
});

let handler: Handler;
let twoNotes: Order;
let unpriced: Order;
const get = async (path: string, options: Parameters<typeof httpEvent>[2] = {}) => handler(httpEvent('GET', path, options), context);
const json = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(String(response.body)) as Record<string, unknown>;
const textOf = async (response: APIGatewayProxyStructuredResultV2) => {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(String(response.body), 'base64'))), { mergePages: true });
  return text.replace(/\s+/g, ' ');
};
const expectNotFound = (response: APIGatewayProxyStructuredResultV2) => {
  expect(response.statusCode).toBe(404);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
};

beforeAll(async () => {
  const { db, names } = await freshTables();
  Object.assign(process.env, { JWT_ISSUER: 'https://issuer.invalid/pool', JWT_AUDIENCE: 'client-1', JWT_JWKS: JSON.stringify({ keys: [] }) });
  twoNotes = refunded('order-cn-000001', [oneBook, goodwill]);
  unpriced = refunded('order-cn-000005', [oneBook, goodwill]);
  await storeOrders(db, names.domain, [
    twoNotes,
    storedUnpriced(unpriced),
    refunded('order-cn-000002', [oneBook], { customerId: 'customer-sub-2' }),
    refunded('order-cn-000003', []),
    refunded('order-cn-000004', [oneBook], { seller: undefined }),
  ]);
  ({ handler } = (await import('../../../functions/credit-notes/handler')) as unknown as { handler: Handler });
});

describe('GET /orders/{orderId}/credit-notes', () => {
  it('lists the credit notes of the order as issued, for its token holder and its signed-in owner', async () => {
    for (const options of [{ headers: { 'x-order-token': token('order-cn-000001') } }, { claims: { sub: 'customer-sub-1' } }]) {
      const response = await get('/orders/order-cn-000001/credit-notes', options);
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store' });
      expect(json(response)).toEqual({ items: twoNotes.creditNotes });
    }
    const [book, lump] = twoNotes.creditNotes!;
    expect(book).toMatchObject({ number: 'A2026-000001', invoiceNumber: 'F2026-000042', totals: { includingTax: eur(1_590), vat: eur(83) } });
    expect(lump).toMatchObject({ number: 'A2026-000002', refundId: 'refund-goodwill', totals: { includingTax: eur(1_000) } });
  });

  it('states every line as the invoice states its lines: unit price and discount, 0 for a sum credited without goods', async () => {
    const response = await get('/orders/order-cn-000001/credit-notes', { headers: { 'x-order-token': token('order-cn-000001') } });
    const [book, lump] = (json(response) as { items: { lines: Record<string, unknown>[] }[] }).items;
    expect(book?.lines).toEqual([expect.objectContaining({ sku: 'BOOK-CUISINE-FR', quantity: 1, unitPrice: eur(1_590), discount: eur(0), unitPriceExcludingTax: eur(1_507), totalIncludingTax: eur(1_590) })]);
    expect(lump?.lines.length).toBeGreaterThan(0);
    for (const line of lump?.lines ?? []) expect(line).toMatchObject({ sku: '', quantity: 0, unitPrice: eur(0), discount: eur(0), unitPriceExcludingTax: eur(0) });
  });

  it('serves the notes stored before their lines stated unit prices and discount as if issued now, priced from the order’s lines', async () => {
    expect(storedUnpriced(unpriced).creditNotes?.[0]?.lines[0]).not.toHaveProperty('unitPrice');
    const response = await get('/orders/order-cn-000005/credit-notes', { headers: { 'x-order-token': token('order-cn-000005') } });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ items: unpriced.creditNotes });
    const pdf = await get('/orders/order-cn-000005/credit-notes/A2026-000001.pdf', { headers: { 'x-order-token': token('order-cn-000005') } });
    expect(pdf.statusCode).toBe(200);
    expect(await textOf(pdf)).toContain('La cuisine de Bordeaux BOOK-CUISINE-FR 1 15,90 € - 15,07 € 5,5 % 15,07 € 15,90 €');
  });

  it('is an empty list for an order never refunded', async () => {
    const response = await get('/orders/order-cn-000003/credit-notes', { headers: { 'x-order-token': token('order-cn-000003') } });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ items: [] });
  });

  it('is 404 to anyone else: no token, another order’s token, another customer, a token in the query', async () => {
    const path = '/orders/order-cn-000001/credit-notes';
    expectNotFound(await get(path));
    expectNotFound(await get(path, { headers: { 'x-order-token': token('order-cn-000002') } }));
    expectNotFound(await get(path, { claims: { sub: 'customer-sub-2' } }));
    // Only the PDF opens from an email link: the list takes its token in the header.
    expectNotFound(await get(path, { query: { token: token('order-cn-000001') } }));
  });
});

describe('GET /orders/{orderId}/credit-notes/{number}.pdf', () => {
  it('answers the credit note as a PDF, with the order token in the header or in the query (an email link)', async () => {
    for (const options of [{ headers: { 'x-order-token': token('order-cn-000001') } }, { query: { token: token('order-cn-000001') } }]) {
      const response = await get('/orders/order-cn-000001/credit-notes/A2026-000002.pdf', options);
      expect(response.statusCode).toBe(200);
      expect(response.isBase64Encoded).toBe(true);
      expect(response.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="A2026-000002.pdf"', 'cache-control': 'no-store' });
      const text = await textOf(response);
      expect(text).toContain('AVOIR');
      expect(text).toContain('N° A2026-000002');
      expect(text).toContain("Facture d'origine F2026-000042 du 24 novembre 2026");
      expect(text).toContain('Total TTC 10,00 €');
    }
    const first = await get('/orders/order-cn-000001/credit-notes/A2026-000001.pdf', { claims: { sub: 'customer-sub-1' } });
    expect(first.statusCode).toBe(200);
    expect(await textOf(first)).toContain('La cuisine de Bordeaux BOOK-CUISINE-FR 1 15,90 €');
  });

  it('is 404 for another order’s token, a wrong token, an unknown number, and another order’s credit note', async () => {
    const path = '/orders/order-cn-000001/credit-notes/A2026-000001.pdf';
    expectNotFound(await get(path, { query: { token: token('order-cn-000002') } }));
    expectNotFound(await get(path, { headers: { 'x-order-token': token('order-cn-000002') } }));
    expectNotFound(await get(path, { query: { token: 'not-the-token' } }));
    expectNotFound(await get('/orders/order-cn-000001/credit-notes/A2026-000099.pdf', { query: { token: token('order-cn-000001') } }));
    // Order 2's own credit note is A2026-000001; its A2026-000002 belongs to no order of its.
    expectNotFound(await get('/orders/order-cn-000002/credit-notes/A2026-000002.pdf', { query: { token: token('order-cn-000002') } }));
  });

  it('is 400 naming `file` for a name that is not a credit-note number and .pdf', async () => {
    for (const file of ['A2026-1.pdf', 'A2026-000001', 'F2026-000042.pdf', 'A2026-000001.PDF']) {
      const response = await get(`/orders/order-cn-000001/credit-notes/${file}`, { query: { token: token('order-cn-000001') } });
      expect(response.statusCode).toBe(400);
      expect(json(response)).toMatchObject({ status: 400, errors: [{ path: 'path.file', message: expect.stringContaining('credit-note number') }] });
    }
  });

  it('is 409 when the order was invoiced without a seller, as its invoice', async () => {
    const response = await get('/orders/order-cn-000004/credit-notes/A2026-000001.pdf', { query: { token: token('order-cn-000004') } });
    expect(response.statusCode).toBe(409);
    expect(json(response)).toMatchObject({ status: 409, errors: [{ path: 'seller', message: 'is not configured' }] });
  });
});
