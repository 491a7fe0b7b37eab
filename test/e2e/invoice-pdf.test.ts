import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { address, shopper, type Checkout } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

type Money = { amount: number; currency: string };
type Invoice = {
  invoiceNumber: string;
  lines: { sku: string; description: string; totalIncludingTax: Money }[];
  shipping: Money;
  vatByRate: { rate: number; base: Money; vat: Money }[];
  totals: { includingTax: Money; vat: Money };
};

/** A paid order of two lines at two VAT rates (unless told which), by a customer who reads `locale`. */
const paidOrder = async (locale: 'fr' | 'en', lines: Record<string, number> = { 'MUG-ENAMEL-BLUE': 2, 'BOOK-CUISINE-FR': 1 }, buyer = `pdf-${locale}`): Promise<Checkout> => {
  const cart = await shop.openCart(lines, { email: `${buyer}@example.com`, shippingAddress: address, locale });
  const placed = (await shop.checkout(cart)).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  return placed;
};

/** What a browser gets at a URL: status, headers, and the bytes as they came. */
const download = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${runtime.apiUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
};
const textOf = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');
const euros = (money: Money, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount / 100).replace(/\s+/g, ' ');

describe('the invoice as a PDF, through the local runtime', () => {
  it('is the JSON invoice as a document: seller, number, lines, VAT per rate and total, in French', async () => {
    const placed = await paidOrder('fr');
    const headers = { 'x-order-token': placed.orderToken };
    const invoice = (await shop.api<Invoice>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body;
    const pdf = await download(`/orders/${placed.order.id}/invoice.pdf`, headers);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="${invoice.invoiceNumber}.pdf"`);
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    // The adapter sends the decoded bytes, not API Gateway's base64.
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const text = await textOf(pdf.bytes);
    for (const shown of ['Boutique Démo', 'SIREN 732829320', 'FR44732829320', `N° ${invoice.invoiceNumber}`, 'pdf-fr@example.com', 'Camille Martin']) expect(text).toContain(shown);
    for (const line of invoice.lines) expect(text).toContain(`${line.description} ${line.sku}`);
    expect(invoice.vatByRate.map((r) => r.rate).sort()).toEqual([20, 5.5]);
    for (const rate of invoice.vatByRate) {
      expect(text).toContain(`${String(rate.rate).replace('.', ',')} % ${euros(rate.base, 'fr-FR')} ${euros(rate.vat, 'fr-FR')}`);
    }
    expect(text).toContain(`Total TTC ${euros(invoice.totals.includingTax, 'fr-FR')}`);
  });

  it('of books and an e-book, all at 5.5 %: one VAT line, at 5.5 %, its delivery taxed in it and not at 20 %', async () => {
    const placed = await paidOrder('fr', { 'BOOK-PETIT-PRINCE': 1, 'EBOOK-MISERABLES': 1 }, 'pdf-books');
    const headers = { 'x-order-token': placed.orderToken };
    const invoice = (await shop.api<Invoice>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body;
    expect(invoice.shipping).toEqual({ amount: 490, currency: 'EUR' });
    // 8.90 + 4.99 + 4.90 delivery = 18.79, of which 98 cents of VAT at 5.5 %: 46 + 26 + 26.
    expect(invoice.vatByRate).toEqual([{ rate: 5.5, base: { amount: 1781, currency: 'EUR' }, vat: { amount: 98, currency: 'EUR' } }]);
    expect(invoice.lines.reduce((n, l) => n + l.totalIncludingTax.amount, 0) + invoice.shipping.amount).toBe(invoice.totals.includingTax.amount);
    expect(invoice.totals.vat).toEqual(invoice.vatByRate[0]?.vat);
    const text = await textOf((await download(`/orders/${placed.order.id}/invoice.pdf`, headers)).bytes);
    expect(text).toContain('5,5 % 17,81 € 0,98 €');
    expect(text).not.toContain('20 %');
  });

  it('of a book and a gift card in France: the gift card is outside the scope of VAT, not an export; each line states its unit price without VAT', async () => {
    const placed = await paidOrder('fr', { 'BOOK-PETIT-PRINCE': 1, 'GIFT-CARD-50': 1 }, 'pdf-gift');
    const headers = { 'x-order-token': placed.orderToken };
    const invoice = (await shop.api<Invoice & { legalMentions: string[] }>('GET', `/orders/${placed.order.id}/invoice`, { headers })).body;
    expect(invoice.legalMentions.filter((m) => m.includes('art. 256 ter du CGI'))).toHaveLength(1);
    expect(invoice.legalMentions.join(' ')).not.toMatch(/262 I|259 B/);
    // 8,90 € with VAT at 5,5 % is 8,44 € without; the gift card bears none.
    expect(invoice.lines.map((l) => [l.sku, (l as unknown as { unitPriceExcludingTax: Money }).unitPriceExcludingTax.amount])).toEqual([
      ['BOOK-PETIT-PRINCE', 844],
      ['GIFT-CARD-50', 5000],
    ]);
    const text = await textOf((await download(`/orders/${placed.order.id}/invoice.pdf`, headers)).bytes);
    expect(text).toContain('Désignation Qté P.U. TTC Remise P.U. HT net TVA Total HT Total TTC');
    expect(text).toContain('8,90 € - 8,44 € 5,5 % 8,44 € 8,90 €');
    expect(text).toContain('art. 256 ter du CGI');
    expect(text).not.toContain('262 I');
  });

  it('opens from the email link with ?token=, in the customer’s language; a wrong token is 404', async () => {
    const placed = await paidOrder('en');
    const link = `/orders/${placed.order.id}/invoice.pdf?token=${encodeURIComponent(placed.orderToken)}`;
    const pdf = await download(link);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('referrer-policy')).toBe('no-referrer');
    const text = await textOf(pdf.bytes);
    expect(text).toContain('INVOICE');
    expect(text).toContain('Total incl. VAT €');

    for (const refused of [await download(`/orders/${placed.order.id}/invoice.pdf?token=wrong`), await download(`/orders/${placed.order.id}/invoice.pdf`)]) {
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
