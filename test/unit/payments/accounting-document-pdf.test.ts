import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { AccountingDocument, AccountingLine } from '#payments/adapters/accounting-document';
import { renderAccountingDocumentPdf } from '#payments/adapters/accounting-document-pdf';
import { accountingDocumentOfInvoice } from '#payments/adapters/invoice-pdf';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { PRINTABLE_RANGES, printableText } from '#payments/adapters/pdf-writing';
import { invoiceOf } from '#payments/domain/invoice';
import { aPendingOrder } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const seller = aShop().seller!;
const camille = { name: 'Camille Martin', line1: '8 allée des Tilleuls', postalCode: '69003', city: 'Lyon', country: 'FR' };
const rivoli = { name: 'Camille Martin', line1: '12 rue de Rivoli', line2: 'Bâtiment B', postalCode: '75004', city: 'Paris', country: 'FR' };

/** A paid order of two lines at 20 % and 5.5 %, one of them discounted, with shipping: 1 148,80 € in all. */
const paidOrder = (locale: 'fr' | 'en') =>
  aPendingOrder('order-0000042', {
    status: 'paid',
    invoiceNumber: 'F2026-000042',
    paidAt: '2026-11-24T10:05:00.000Z',
    customer: { email: 'camille@example.fr', locale, billingAddress: camille, shippingAddress: rivoli },
    items: [
      { sku: 'LAMP-ATELIER', name: 'Lampe d’atelier en laiton', type: 'physical', taxCategory: 'standard', unitPrice: eur(123_456), quantity: 1, lineTotal: eur(123_456), discount: eur(12_346), taxRate: 2000, tax: eur(18_518) },
      { sku: 'BOOK-CUISINE-FR', name: 'La cuisine de Bordeaux', type: 'physical', taxCategory: 'reduced', unitPrice: eur(1_590), quantity: 2, lineTotal: eur(3_180), discount: eur(0), taxRate: 550, tax: eur(166) },
    ],
    totals: { subtotal: eur(126_636), discount: eur(12_346), shipping: eur(590), tax: eur(18_782), total: eur(114_880) },
    taxBreakdown: [
      { rate: 2000, base: eur(93_084), tax: eur(18_616) },
      { rate: 550, base: eur(3_014), tax: eur(166) },
    ],
  });
const invoice = (locale: 'fr' | 'en') => accountingDocumentOfInvoice(invoiceOf(paidOrder(locale), seller)!, locale);

const line = (n: number): AccountingLine => ({
  sku: `SKU-${n}`,
  description: `Article numéro ${n}`,
  quantity: 1,
  unitPrice: eur(1_000),
  discount: eur(0),
  vatRate: 20,
  totalExcludingTax: eur(833),
  vat: eur(167),
  totalIncludingTax: eur(1_000),
});

const creditNote = (overrides: Partial<AccountingDocument> = {}): AccountingDocument => ({
  kind: 'credit-note',
  number: 'A2026-000007',
  issuedAt: '2026-12-03T15:20:00.000Z',
  corrects: { number: 'F2026-000042', issuedAt: '2026-11-24T10:05:00.000Z' },
  orderNumber: '2026-000042',
  locale: 'fr',
  currency: 'EUR',
  seller,
  buyer: { email: 'camille@example.fr', address: camille },
  deliveryAddress: null,
  pricesIncludeTax: true,
  lines: [line(1)],
  shipping: eur(0),
  discount: eur(0),
  vatByRate: [{ rate: 20, base: eur(833), vat: eur(167) }],
  totals: { excludingTax: eur(833), vat: eur(167), includingTax: eur(1_000) },
  settlement: { kind: 'refunded', at: '2026-12-03T15:20:00.000Z' },
  legalMentions: ['Avoir émis en rectification de la facture F2026-000042.'],
  ...overrides,
});

/** The text of each page, spaces (no-break ones included) made plain. */
const pagesOf = async (bytes: Uint8Array) => {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return { pdf, pages: text.map((page) => page.replace(/\s+/g, ' ')) };
};

describe('an invoice as a PDF', () => {
  it('is an A4 PDF that shows the seller, the buyer, the number, each line, the VAT per rate and the totals, in French', async () => {
    const bytes = await renderAccountingDocumentPdf(invoice('fr'));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { pdf, pages } = await pagesOf(bytes);
    expect(pages).toHaveLength(1);
    expect((await pdf.getPage(1)).view.map(Math.round)).toEqual([0, 0, 595, 842]);
    const text = pages[0]!;
    for (const shown of [
      'Atelier Lumière', 'SARL, au capital de 5 000,00 €', 'SIREN 732829320', 'RCS Bordeaux 732 829 320', 'TVA intracommunautaire FR44732829320', 'compta@atelier-lumiere.fr',
      'FACTURE', 'N° F2026-000042', "Date d'émission 24 novembre 2026", 'Commande 2026-000042',
      'CLIENT Camille Martin 8 allée des Tilleuls 69003 Lyon France camille@example.fr', 'LIVRAISON À Camille Martin 12 rue de Rivoli Bâtiment B 75004 Paris',
      // The unit price as shelved, its discount, then the unit price without VAT net of it (CGI ann. II art. 242 nonies A).
      'Désignation Qté P.U. TTC Remise P.U. HT net TVA Total HT Total TTC',
      'Lampe d’atelier en laiton LAMP-ATELIER 1 1 234,56 € 123,46 € 925,92 € 20 % 925,92 € 1 111,10 €',
      'La cuisine de Bordeaux BOOK-CUISINE-FR 2 15,90 € - 15,07 € 5,5 % 30,14 € 31,80 €',
      'TVA par taux Taux Base HT TVA 20 % 930,84 € 186,16 € 5,5 % 30,14 € 1,66 €',
      'Livraison TTC 5,90 € Remises déduites -123,46 € Total HT 960,98 € TVA 187,82 € Total TTC 1 148,80 €',
      'Payée par carte le 24 novembre 2026.', 'MENTIONS LÉGALES', 'Facture acquittée', 'Page 1/1',
    ]) {
      expect(text).toContain(shown);
    }
    expect((await getMeta(pdf)).info).toMatchObject({ Title: 'Facture F2026-000042', Author: 'Atelier Lumière', Language: 'fr-FR' });
  });

  it("speaks English to an English-speaking customer: labels, amounts and dates; the legal text stays as issued", async () => {
    const { pages } = await pagesOf(await renderAccountingDocumentPdf(invoice('en')));
    const text = pages[0]!;
    for (const shown of [
      'INVOICE', 'No. F2026-000042', 'Issue date 24 November 2026', 'SARL, share capital €5,000.00', 'EU VAT number FR44732829320',
      'CUSTOMER Camille Martin', 'DELIVER TO Camille Martin', 'Unit price incl. VAT Discount Net unit price excl. VAT', '1 €1,234.56 €123.46 €925.92 20% €925.92 €1,111.10',
      'VAT by rate Rate Net amount VAT 20% €930.84 €186.16 5.5% €30.14 €1.66', 'Total incl. VAT €1,148.80', 'Paid by card on 24 November 2026.',
      'LEGAL NOTICES', 'Facture acquittée', 'Page 1 of 1',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain('Total TTC');
  });

  it('says its prices exclude VAT when the shop sells without it', async () => {
    const { pages } = await pagesOf(await renderAccountingDocumentPdf({ ...invoice('fr'), pricesIncludeTax: false }));
    expect(pages[0]).toContain('P.U. HT');
    expect(pages[0]).toContain('Livraison HT 5,90 €');
    expect(pages[0]).not.toContain('P.U. TTC');
  });
});

describe('a credit note from the same renderer', () => {
  it('is titled as one and names the invoice it corrects, and how it was refunded', async () => {
    const { pages } = await pagesOf(await renderAccountingDocumentPdf(creditNote()));
    const text = pages[0]!;
    for (const shown of ['AVOIR', 'N° A2026-000007', "Date d'émission 3 décembre 2026", "Facture d'origine F2026-000042 du 24 novembre 2026", 'Remboursé sur la carte de paiement le 3 décembre 2026.', 'Avoir A2026-000007 · Atelier Lumière']) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain('LIVRAISON À');
    expect(text).not.toContain('FACTURE ');
  });

  it('runs long documents onto further pages, the column headers and the page count on each, every line once', async () => {
    const lines = Array.from({ length: 45 }, (_, i) => line(i + 1));
    const { pages } = await pagesOf(await renderAccountingDocumentPdf(creditNote({ lines })));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      expect(text).toContain('Désignation Qté P.U. TTC Remise P.U. HT net TVA Total HT Total TTC');
      expect(text).toContain(`Page ${i + 1}/${pages.length}`);
    });
    const all = pages.join(' ');
    for (let n = 1; n <= 45; n++) expect(all.match(new RegExp(`Article numéro ${n} SKU-${n} `, 'g')), `line ${n}`).toHaveLength(1);
    expect(pages.at(-1)).toContain('Total TTC 10,00 €');
  });
});

describe('text in the fonts the documents embed', () => {
  it('draws every character it keeps, in both fonts', () => {
    for (const file of ['Roboto-Regular.woff', 'Roboto-Bold.woff']) {
      const doc = new PDFDocument();
      doc.registerFont('checked', readFileSync(new URL(`../../../shared/payments/adapters/fonts/${file}`, import.meta.url)));
      // pdfkit's fontkit font, as pdfkit embeds it (pdfkit does not export fontkit's API).
      const font = (doc.font('checked') as unknown as { _font: { font: { hasGlyphForCodePoint: (c: number) => boolean } } })._font.font;
      const missing = PRINTABLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i)).filter((c) => !font.hasGlyphForCodePoint(c));
      expect({ file, missing: missing.map((c) => c.toString(16)) }).toEqual({ file, missing: [] });
    }
  });

  it('keeps European, Greek and Cyrillic letters as written, and marks what the fonts cannot draw', () => {
    expect(printableText('Cœur d’Été — 1 234,56 €')).toBe('Cœur d’Été — 1 234,56 €');
    expect(printableText('Łukasz Dvořák, Łódź, Ștefan, Ελένη, Дмитрий, Nguyễn')).toBe('Łukasz Dvořák, Łódź, Ștefan, Ελένη, Дмитрий, Nguyễn');
    expect(printableText('Straße\tNr.\n5')).toBe('Straße Nr. 5');
    // Intl's French numbers use a narrow no-break space, which Roboto lacks.
    expect(printableText('1\u202f234,56')).toBe('1\u00a0234,56');
    expect(printableText('東京 👩‍🚀')).toBe('?? ???');
  });

  it('prints a Czech or Polish buyer as the invoice\'s JSON names them', async () => {
    const buyer = { email: 'lukasz@example.pl', address: { name: 'Łukasz Dvořák', line1: 'ulica Źródlana 3', postalCode: '30-001', city: 'Kraków', country: 'PL' } };
    const { pages } = await pagesOf(await renderAccountingDocumentPdf(creditNote({ buyer })));
    expect(pages[0]).toContain('CLIENT Łukasz Dvořák ulica Źródlana 3 30-001 Kraków Pologne');
  });
});
