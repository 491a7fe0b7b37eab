import type { Money } from '#kernel/money';
import type { CreditNote, Order } from '#ordering/index';
import { vatExemptionMentions } from '#payments/index';
import { renderAccountingDocumentPdf, type AccountingDocument } from '#payments/pdf';
import type { CreditNotePdf } from '../app/get-credit-note-pdf';

type CreditNoteInput = Parameters<CreditNotePdf>[0];

/** The legal text is issued in French, as the invoice's: "1 234,56 €", "24 novembre 2026". */
const frenchMoney = ({ amount, currency }: Money): string =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(amount / 100).replace(/\u202f|\u00a0/g, ' ');
const frenchDate = (iso: string): string => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** What a French credit note states beside its amounts: who issues it, what it corrects, what becomes of the VAT. */
const legalMentions = ({ order, creditNote: note, seller }: CreditNoteInput): string[] => [
  `${seller.name}, ${seller.legalForm} au capital de ${frenchMoney(seller.shareCapital)}, SIREN ${seller.siren}, ${seller.rcs}, TVA intracommunautaire ${seller.vatNumber}.`,
  `Avoir se rapportant à la facture n° ${note.invoiceNumber} du ${frenchDate(note.invoiceDate)} (commande ${order.number}), qu'il rectifie à hauteur de ${frenchMoney(note.totals.includingTax)} TTC (art. 289 et 242 nonies A du CGI).`,
  "La TVA mentionnée sur cet avoir vient en déduction de la TVA collectée au titre de la facture d'origine (art. 272 du CGI).",
  ...vatExemptionMentions(zeroRatedCredited(order, note), order.customer),
];

/**
 * The order's lines at 0 % that the note credits: those it names, or, when a part at 0 % names
 * none (a goodwill share, the delivery), every line at 0 % the invoice stated, as that part is
 * theirs. The note repeats the reasons the invoice gave for them, no others.
 */
const zeroRatedCredited = (order: Order, note: CreditNote): Order['items'] => {
  const zeroRated = order.items.filter((item) => item.taxRate === 0);
  const namedAtZero = note.lines.filter((l) => l.vatRate === 0 && l.sku).reduce((n, l) => n + l.totalIncludingTax.amount, 0);
  const atZero = note.vatByRate.filter((r) => r.rate === 0).reduce((n, r) => n + r.base.amount + r.vat.amount, 0);
  if (atZero > namedAtZero) return zeroRated;
  const named = new Set(note.lines.filter((l) => l.vatRate === 0).map((l) => l.sku));
  return zeroRated.filter((item) => named.has(item.sku));
};

/**
 * A credit note as the accounting document the invoice's renderer prints: the same seller
 * snapshot, buyer and layout as the invoice it corrects, its number and date in the heading, the
 * amounts exactly as issued, its lines priced as its JSON states them, so that quantity × unit
 * price − discount is each credited line's total as on the invoice (only the delivery cost is
 * shown without VAT when the shop's prices are, as the invoice shows it).
 */
export const accountingDocumentOfCreditNote = (input: CreditNoteInput): AccountingDocument => {
  const { order, creditNote: note } = input;
  const shippingVat = note.totals.vat.amount - note.lines.reduce((n, l) => n + l.vat.amount, 0);
  return {
    kind: 'credit-note',
    number: note.number,
    issuedAt: note.issuedAt,
    corrects: { number: note.invoiceNumber, issuedAt: note.invoiceDate },
    orderNumber: order.number,
    locale: input.locale,
    currency: note.currency,
    seller: input.seller,
    buyer: { email: order.customer.email, address: order.customer.billingAddress ?? order.customer.shippingAddress ?? null },
    // Nothing is delivered by a credit note.
    deliveryAddress: null,
    pricesIncludeTax: order.pricesIncludeTax,
    lines: note.lines,
    shipping: order.pricesIncludeTax || note.shipping.amount === 0 ? note.shipping : { ...note.shipping, amount: note.shipping.amount - shippingVat },
    discount: { amount: note.lines.reduce((n, l) => n + l.discount.amount, 0), currency: note.currency },
    vatByRate: note.vatByRate,
    totals: note.totals,
    settlement: { kind: 'refunded', at: note.issuedAt },
    legalMentions: legalMentions(input),
  };
};

/** The credit note as an A4 PDF (the `CreditNotePdf` port of get-credit-note-pdf.ts). */
export const renderCreditNotePdf: CreditNotePdf = (input) => renderAccountingDocumentPdf(accountingDocumentOfCreditNote(input));
