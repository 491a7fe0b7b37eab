import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrderTokens } from '#ordering/adapters/order-tokens';
import type { Order } from '#ordering/domain/order';
import { signingKey } from '#runtime/signing';
import { httpEvent } from '../../fixtures/http-event';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { functionName: 'invoices', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
/** The key the test run gives every function (SIGNING_SECRET in .config/vitest.config.ts). */
const orderTokens = createOrderTokens(signingKey('test-signing-key-0123456789'));
const token = (orderId: string) => orderTokens.issue(orderId);
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const address = { name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' };

/** A paid order of two lines (20 % and 5.5 %), invoiced by the configured seller unless told otherwise. */
const paid = (id: string, overrides: Partial<Order> = {}): Order =>
  aPendingOrder(id, {
    status: 'paid',
    invoiceNumber: `F2026-${id.slice(-6)}`,
    paidAt: '2026-11-24T10:05:00.000Z',
    payment: { provider: 'stripe', paymentIntentId: `pi_${id}`, status: 'succeeded' },
    seller: aShop().seller!,
    customerId: 'customer-sub-1',
    customer: { email: 'camille@example.fr', locale: 'fr', shippingAddress: address, billingAddress: address },
    items: [
      { sku: 'MUG-1', name: 'Mug émaillé', type: 'physical', taxCategory: 'standard', unitPrice: eur(1200), quantity: 2, lineTotal: eur(2400), discount: eur(0), taxRate: 2000, tax: eur(400) },
      { sku: 'BOOK-1', name: 'Le Petit Prince', type: 'physical', taxCategory: 'reduced', unitPrice: eur(1055), quantity: 1, lineTotal: eur(1055), discount: eur(0), taxRate: 550, tax: eur(55) },
    ],
    totals: { subtotal: eur(3455), discount: eur(0), shipping: eur(0), tax: eur(455), total: eur(3455) },
    taxBreakdown: [
      { rate: 2000, base: eur(2000), tax: eur(400) },
      { rate: 550, base: eur(1000), tax: eur(55) },
    ],
    ...overrides,
  });

let handler: Handler;
const get = async (path: string, options: Parameters<typeof httpEvent>[2] = {}) => handler(httpEvent('GET', path, options), context);
const textOf = async (response: APIGatewayProxyStructuredResultV2) => {
  const bytes = new Uint8Array(Buffer.from(String(response.body), 'base64'));
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
};
const expectNotFound = (response: APIGatewayProxyStructuredResultV2) => {
  expect(response.statusCode).toBe(404);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  expect(response.isBase64Encoded ?? false).toBe(false);
};

beforeAll(async () => {
  const { db, names } = await freshTables();
  Object.assign(process.env, { JWT_ISSUER: 'https://issuer.invalid/pool', JWT_AUDIENCE: 'client-1', JWT_JWKS: JSON.stringify({ keys: [] }) });
  await storeOrders(db, names.domain, [
    paid('order-pdf-000101'),
    paid('order-pdf-000102', { customer: { email: 'sam@example.com', locale: 'en', shippingAddress: address } }),
    paid('order-pdf-000103', { seller: undefined }),
    aPendingOrder('order-pdf-000104'),
  ]);
  ({ handler } = (await import('../../../functions/invoices/handler')) as unknown as { handler: Handler });
});

describe('GET /orders/{orderId}/invoice.pdf', () => {
  it('answers the invoice as a PDF, base64 for API Gateway, private and never sniffed', async () => {
    const response = await get('/orders/order-pdf-000101/invoice.pdf', { headers: { 'x-order-token': token('order-pdf-000101') } });
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="F2026-000101.pdf"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.from(String(response.body), 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await textOf(response);
    for (const shown of [
      'Atelier Lumière', 'SIREN 732829320', 'TVA intracommunautaire FR44732829320', 'FACTURE', 'N° F2026-000101', "Date d'émission 24 novembre 2026",
      'CLIENT Camille Martin 12 rue de Rivoli 75004 Paris France camille@example.fr',
      // Each line's unit price without VAT beside the shelf price (CGI ann. II art. 242 nonies A).
      'Mug émaillé MUG-1 2 12,00 € - 10,00 € 20 % 20,00 € 24,00 €', 'Le Petit Prince BOOK-1 1 10,55 € - 10,00 € 5,5 % 10,00 € 10,55 €',
      'TVA par taux Taux Base HT TVA 20 % 20,00 € 4,00 € 5,5 % 10,00 € 0,55 €', 'Total HT 30,00 € TVA 4,55 € Total TTC 34,55 €',
    ]) {
      expect(text).toContain(shown);
    }
  });

  it('opens from an email link, with the order token in the query: a mail client sends no headers', async () => {
    const response = await get('/orders/order-pdf-000101/invoice.pdf', { query: { token: token('order-pdf-000101') } });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'application/pdf', 'referrer-policy': 'no-referrer' });
    expect(await textOf(response)).toContain('N° F2026-000101');
  });

  it('is the signed-in owner’s too, and in the customer’s language', async () => {
    expect((await get('/orders/order-pdf-000101/invoice.pdf', { claims: { sub: 'customer-sub-1' } })).statusCode).toBe(200);
    const english = await get('/orders/order-pdf-000102/invoice.pdf', { headers: { 'x-order-token': token('order-pdf-000102') } });
    expect(english.statusCode).toBe(200);
    const text = await textOf(english);
    expect(text).toContain('INVOICE No. F2026-000102 Issue date 24 November 2026');
    expect(text).toContain('Total incl. VAT €34.55');
  });

  it('is 404 to anyone else: no token, a wrong one in the header or the query, another order’s, another customer', async () => {
    const path = '/orders/order-pdf-000101/invoice.pdf';
    expectNotFound(await get(path));
    expectNotFound(await get(path, { headers: { 'x-order-token': 'not-the-token' } }));
    expectNotFound(await get(path, { query: { token: 'not-the-token' } }));
    expectNotFound(await get(path, { query: { token: token('order-pdf-000102') } }));
    expectNotFound(await get(path, { claims: { sub: 'someone-else' } }));
    // One token is checked: the header's, when both are sent.
    expectNotFound(await get(path, { headers: { 'x-order-token': 'not-the-token' }, query: { token: token('order-pdf-000101') } }));
  });

  it('is 404 before payment and 409 when the order was paid without a seller, as the JSON invoice', async () => {
    expectNotFound(await get('/orders/order-pdf-000104/invoice.pdf', { headers: { 'x-order-token': token('order-pdf-000104') } }));
    for (const path of ['/orders/order-pdf-000103/invoice.pdf', '/orders/order-pdf-000103/invoice']) {
      const response = await get(path, { headers: { 'x-order-token': token('order-pdf-000103') } });
      expect(response.statusCode).toBe(409);
      expect(JSON.parse(String(response.body))).toMatchObject({ status: 409, errors: [{ path: 'seller', message: 'is not configured' }] });
    }
  });
});

describe('GET /orders/{orderId}/invoice, beside it', () => {
  it('stays JSON, reduced to its schema, and takes no token in the query', async () => {
    const response = await get('/orders/order-pdf-000101/invoice', { headers: { 'x-order-token': token('order-pdf-000101') } });
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    const invoice = JSON.parse(String(response.body)) as Record<string, unknown>;
    expect(invoice).toMatchObject({ invoiceNumber: 'F2026-000101', totals: { includingTax: eur(3455), vat: eur(455) } });
    expect(invoice).not.toHaveProperty('pricesIncludeTax');
    expectNotFound(await get('/orders/order-pdf-000101/invoice', { query: { token: token('order-pdf-000101') } }));
  });
});
