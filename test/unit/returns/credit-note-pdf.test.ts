import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Order } from '#ordering/domain/order';
import { accountingDocumentOfCreditNote, renderCreditNotePdf } from '#returns/adapters/credit-note-pdf';
import { creditNoteOf } from '#returns/domain/credit-note';
import { refundLineFor, shippingRefundFor } from '#returns/domain/refund-amounts';
import { reserveRefund, type RefundRequest } from '#returns/domain/refunds';
import { anInvoicedOrder, eur, seller } from './credit-note-fixtures';

const now = new Date('2026-12-03T15:20:00.000Z');

/** The credit note of a succeeded refund of `order`, numbered A2026-000007, ready to print. */
const printable = (order: Order, request: (order: Order) => RefundRequest) => {
  const refund = { ...reserveRefund(order, request(order), now), status: 'succeeded' as const };
  const creditNote = creditNoteOf(order, refund, { number: 'A2026-000007', at: now.toISOString() })!;
  return { order, creditNote, seller, locale: order.customer.locale ?? 'fr' };
};
const withdrawal = (order: Order): RefundRequest => ({
  id: 'refund-1',
  reason: 'withdrawal',
  lines: [refundLineFor(order, 'LAMP-ATELIER', 1), refundLineFor(order, 'BOOK-CUISINE-FR', 1)],
});

const textOf = async (bytes: Uint8Array) => {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return { pdf, text: text.replace(/\s+/g, ' ') };
};

describe('a credit note as a PDF', () => {
  it('shows its number and date, the invoice it corrects and its date, the seller, the buyer, the lines, VAT per rate and totals', async () => {
    const bytes = await renderCreditNotePdf(printable(anInvoicedOrder(), withdrawal));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { pdf, text } = await textOf(bytes);
    expect(pdf.numPages).toBe(1);
    for (const shown of [
      'Atelier Lumière', 'SARL, au capital de 5 000,00 €', 'SIREN 732829320', 'RCS Bordeaux 732 829 320', 'TVA intracommunautaire FR44732829320',
      'AVOIR', 'N° A2026-000007', "Date d'émission 3 décembre 2026", 'Commande 2026-000042', "Facture d'origine F2026-000042 du 24 novembre 2026",
      'CLIENT Camille Martin 8 allée des Tilleuls 69003 Lyon France camille@example.fr',
      // Unit price as invoiced, the unit's share of the discount, the unit price without VAT net
      // of it, then its totals: 1 234,56 − 123,46 = 1 111,10, of which 925,92 without VAT.
      'Lampe d’atelier en laiton LAMP-ATELIER 1 1 234,56 € 123,46 € 925,92 € 20 % 925,92 € 1 111,10 €',
      'La cuisine de Bordeaux BOOK-CUISINE-FR 1 15,90 € - 15,07 € 5,5 % 15,07 € 15,90 €',
      'TVA par taux Taux Base HT TVA 5,5 % 15,07 € 0,83 € 20 % 925,92 € 185,18 €',
      'Total HT 940,99 € TVA 186,01 € Total TTC 1 127,00 €',
      'Remboursé sur la carte de paiement le 3 décembre 2026.',
      'MENTIONS LÉGALES', 'Avoir se rapportant à la facture n° F2026-000042 du 24 novembre 2026 (commande 2026-000042)', 'art. 289 et 242 nonies A du CGI',
      'Avoir A2026-000007 · Atelier Lumière', 'Page 1/1',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain('FACTURE ');
    expect(text).not.toContain('LIVRAISON À');
    expect((await getMeta(pdf)).info).toMatchObject({ Title: 'Avoir A2026-000007', Author: 'Atelier Lumière', Language: 'fr-FR' });
  });

  it('credits the delivery cost of a full withdrawal, and speaks English to an English-speaking customer', async () => {
    const full = (order: Order): RefundRequest => ({
      id: 'refund-2',
      reason: 'withdrawal',
      lines: [refundLineFor(order, 'LAMP-ATELIER', 1), refundLineFor(order, 'BOOK-CUISINE-FR', 2)],
      shipping: shippingRefundFor(order),
    });
    const { text } = await textOf(await renderCreditNotePdf(printable(anInvoicedOrder({ locale: 'en' }), full)));
    for (const shown of [
      'CREDIT NOTE', 'No. A2026-000007', 'Issue date 3 December 2026', 'Corrects invoice F2026-000042 of 24 November 2026',
      'Shipping incl. VAT €5.90', 'VAT by rate Rate Net amount VAT 5.5% €30.14 €1.66 20% €930.84 €186.16',
      'Total excl. VAT €960.98 VAT €187.82 Total incl. VAT €1,148.80', 'Refunded to the payment card on 3 December 2026.',
      // The legal text is issued in French, as the invoice's.
      'Avoir se rapportant à la facture n° F2026-000042',
    ]) {
      expect(text).toContain(shown);
    }
  });

  it('prints a goodwill amount as one lump per VAT rate, with no units, as its JSON (quantity 0)', async () => {
    const { text } = await textOf(await renderCreditNotePdf(printable(anInvoicedOrder(), () => ({ id: 'refund-3', reason: 'Geste commercial', amount: eur(10_000) }))));
    // Quantity, unit prices and discount: none.
    expect(text).toContain('Remboursement (geste commercial ou correction) - - - - 20 % 81,02 € 97,23 €');
    expect(text).toContain('Remboursement (geste commercial ou correction) - - - - 5,5 % 2,63 € 2,77 €');
    expect(text).toContain('Total HT 83,65 € TVA 16,35 € Total TTC 100,00 €');
  });

  it('says its prices exclude VAT when the shop sells without it: unit price, discount and total before VAT', () => {
    const document = accountingDocumentOfCreditNote(printable(anInvoicedOrder({ kettle: true }), (order) => ({ id: 'refund-4', reason: 'withdrawal', lines: [refundLineFor(order, 'KETTLE', 1)] })));
    expect(document).toMatchObject({ kind: 'credit-note', pricesIncludeTax: false, discount: eur(1_000), shipping: eur(0), deliveryAddress: null });
    expect(document.lines).toEqual([
      expect.objectContaining({ quantity: 1, unitPrice: eur(10_000), discount: eur(1_000), totalExcludingTax: eur(9_000), vat: eur(900), totalIncludingTax: eur(9_900) }),
    ]);
  });

  it('shows the delivery cost without VAT when the shop sells without it, as its invoice does', () => {
    const order = anInvoicedOrder({ kettle: true });
    const line = refundLineFor(order, 'KETTLE', 1);
    const refund = { id: 'refund-5', amount: eur(10_608), reason: 'withdrawal', status: 'succeeded' as const, createdAt: now.toISOString(), lines: [line], shipping: { amount: eur(708), vat: eur(118), vatRate: 2000 } };
    const creditNote = creditNoteOf(order, refund, { number: 'A2026-000008', at: now.toISOString() })!;
    const document = accountingDocumentOfCreditNote({ order, creditNote, seller, locale: 'fr' });
    expect(document.shipping).toEqual(eur(590));
    expect(document.totals).toEqual({ excludingTax: eur(9_590), vat: eur(1_018), includingTax: eur(10_608) });
  });

  it('prints no line of 0,00 € for 1 cent of goodwill', async () => {
    const { text } = await textOf(await renderCreditNotePdf(printable(anInvoicedOrder(), () => ({ id: 'refund-6', reason: 'Geste commercial', amount: eur(1) }))));
    expect(text.match(/Remboursement \(geste commercial ou correction\)/g)).toHaveLength(1);
    expect(text).toContain('Remboursement (geste commercial ou correction) - - - - 20 % 0,01 € 0,01 €');
    expect(text).not.toContain('5,5 %');
  });
});

const export262 = 'Exonération de TVA, art. 262 I du CGI (exportation hors Union européenne).';
const voucher256ter = 'art. 256 ter du CGI';
const mentionsOf = (order: Order, request: (order: Order) => RefundRequest) => accountingDocumentOfCreditNote(printable(order, request)).legalMentions;

describe('the legal mention of why a credited line bears no VAT, as its invoice gave it', () => {
  /** The default order, its book gone to Switzerland (0 %) and its lamp a gift card (0 %, `zero`). */
  const zeroRated = (): Order => {
    const order = anInvoicedOrder();
    const [lamp, book] = order.items;
    return {
      ...order,
      items: [
        { ...lamp!, sku: 'GIFT-CARD-50', type: 'digital', taxCategory: 'zero', taxRate: 0, tax: eur(0) },
        { ...book!, taxRate: 0, tax: eur(0) },
      ],
      totals: { ...order.totals, tax: eur(0) },
      taxBreakdown: [{ rate: 0, base: order.totals.total, tax: eur(0) }],
    };
  };

  it('crediting exported goods: the export exemption, and nothing about vouchers', () => {
    const mentions = mentionsOf(zeroRated(), (order) => ({ id: 'r-1', reason: 'return', lines: [refundLineFor(order, 'BOOK-CUISINE-FR', 1)] }));
    expect(mentions.filter((m) => m === export262)).toHaveLength(1);
    expect(mentions.join(' ')).not.toContain(voucher256ter);
  });

  it('crediting a gift card: outside the scope of VAT, not an export', () => {
    const mentions = mentionsOf(zeroRated(), (order) => ({ id: 'r-2', reason: 'return', lines: [refundLineFor(order, 'GIFT-CARD-50', 1)] }));
    expect(mentions.filter((m) => m.includes(voucher256ter))).toHaveLength(1);
    expect(mentions).not.toContain(export262);
  });

  it('crediting goodwill at 0 %: the reasons of every line at 0 % of the invoice, each once', () => {
    const mentions = mentionsOf(zeroRated(), () => ({ id: 'r-3', reason: 'Geste commercial', amount: eur(1_000) }));
    expect(mentions.filter((m) => m === export262 || m.includes(voucher256ter))).toHaveLength(2);
  });

  it('crediting goods taxed in France: none', () => {
    const mentions = mentionsOf(anInvoicedOrder(), withdrawal);
    expect(mentions.join(' ')).not.toMatch(/262 I|259 B|256 ter/);
  });
});
