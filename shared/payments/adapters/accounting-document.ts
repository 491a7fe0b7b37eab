import type { Address, Locale } from '#kernel/customer';
import type { Currency, Money } from '#kernel/money';
import type { Seller } from '#settings/index';

/**
 * What a printed invoice or credit note shows, whatever it was issued from: the PDF renderer
 * (accounting-document-pdf.ts) reads this and nothing else, so a credit note reuses the
 * invoice's layout by building one of these. Amounts are Money as issued; nothing is recomputed
 * when printing, so the paper says exactly what the books say.
 */
export interface AccountingDocument {
  kind: 'invoice' | 'credit-note';
  /** `F2026-000001` for an invoice, `A2026-000001` for a credit note. */
  number: string;
  /** ISO timestamp; printed as a date in Paris time. */
  issuedAt: string;
  /** A credit note names the invoice it corrects (CGI art. 242 nonies A, 7°). */
  corrects?: { number: string; issuedAt: string };
  orderNumber?: string;
  locale: Locale;
  currency: Currency;
  seller: Seller;
  buyer: { email: string; address: Address | null };
  deliveryAddress: Address | null;
  /** Whether unit prices, discounts and shipping include VAT (the shop's prices) or not. */
  pricesIncludeTax: boolean;
  lines: AccountingLine[];
  shipping: Money;
  discount: Money;
  /** Rates in percent, as printed: 20, 5.5. */
  vatByRate: { rate: number; base: Money; vat: Money }[];
  totals: { excludingTax: Money; vat: Money; includingTax: Money };
  /** How the amount was settled, printed under the totals. */
  settlement?: { kind: 'paid' | 'refunded'; at: string };
  /** Printed as given: the legal text is issued in French. */
  legalMentions: string[];
}

export interface AccountingLine {
  sku: string;
  description: string;
  /** 0 for a sum credited without goods (goodwill, a correction): no units, no unit prices. */
  quantity: number;
  /** As the shop's prices are, before the line's discount. */
  unitPrice?: Money;
  /** Without VAT, net of the line's discount (invoice.ts, `unitPriceExcludingTax`). */
  unitPriceExcludingTax?: Money;
  discount: Money;
  /** Percent: 20, 5.5. */
  vatRate: number;
  totalExcludingTax: Money;
  vat: Money;
  totalIncludingTax: Money;
}

const labels = {
  fr: {
    invoice: 'Facture',
    'credit-note': 'Avoir',
    number: 'N°',
    issuedOn: "Date d'émission",
    order: 'Commande',
    corrects: "Facture d'origine",
    correctsOf: (number: string, date: string) => `${number} du ${date}`,
    buyer: 'Client',
    delivery: 'Livraison à',
    description: 'Désignation',
    quantity: 'Qté',
    unitPrice: (withTax: boolean) => (withTax ? 'P.U. TTC' : 'P.U. HT'),
    lineDiscount: 'Remise',
    netUnitPrice: 'P.U. HT net',
    vatRate: 'TVA',
    excludingTax: 'Total HT',
    includingTax: 'Total TTC',
    vatByRate: 'TVA par taux',
    rate: 'Taux',
    base: 'Base HT',
    vat: 'TVA',
    shipping: (withTax: boolean) => (withTax ? 'Livraison TTC' : 'Livraison HT'),
    discounts: 'Remises déduites',
    paid: (date: string) => `Payée par carte le ${date}.`,
    refunded: (date: string) => `Remboursé sur la carte de paiement le ${date}.`,
    legal: 'Mentions légales',
    shareCapital: (amount: string) => `au capital de ${amount}`,
    vatNumber: 'TVA intracommunautaire',
    page: (n: number, of: number) => `Page ${n}/${of}`,
  },
  en: {
    invoice: 'Invoice',
    'credit-note': 'Credit note',
    number: 'No.',
    issuedOn: 'Issue date',
    order: 'Order',
    corrects: 'Corrects invoice',
    correctsOf: (number: string, date: string) => `${number} of ${date}`,
    buyer: 'Customer',
    delivery: 'Deliver to',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: (withTax: boolean) => (withTax ? 'Unit price incl. VAT' : 'Unit price excl. VAT'),
    lineDiscount: 'Discount',
    netUnitPrice: 'Net unit price excl. VAT',
    vatRate: 'VAT',
    excludingTax: 'Total excl. VAT',
    includingTax: 'Total incl. VAT',
    vatByRate: 'VAT by rate',
    rate: 'Rate',
    base: 'Net amount',
    vat: 'VAT',
    shipping: (withTax: boolean) => (withTax ? 'Shipping incl. VAT' : 'Shipping excl. VAT'),
    discounts: 'Discounts deducted',
    paid: (date: string) => `Paid by card on ${date}.`,
    refunded: (date: string) => `Refunded to the payment card on ${date}.`,
    legal: 'Legal notices',
    shareCapital: (amount: string) => `share capital ${amount}`,
    vatNumber: 'EU VAT number',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

export type DocumentLabels = (typeof labels)[Locale];

const intlLocale = { fr: 'fr-FR', en: 'en-GB' } as const satisfies Record<Locale, string>;

// The narrow no-break space Intl puts in French numbers is not in the PDF standard fonts'
// encoding; the plain no-break space is, and keeps "1 234,56 €" on one line all the same.
const narrowNbsp = /\u202f/g;

/** How one document writes its words, amounts, rates and dates, in its customer's language. */
export const documentText = (locale: Locale) => {
  const tag = intlLocale[locale];
  const numbers = new Map<string, Intl.NumberFormat>();
  const rate = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Europe/Paris' });
  const regions = new Intl.DisplayNames([tag], { type: 'region' });
  return {
    labels: labels[locale] as DocumentLabels,
    /** "1 234,56 €" in French, "€1,234.56" in English. */
    money: ({ amount, currency }: Money): string => {
      let format = numbers.get(currency);
      if (!format) numbers.set(currency, (format = new Intl.NumberFormat(tag, { style: 'currency', currency })));
      return format.format(amount / 100).replace(narrowNbsp, '\u00a0');
    },
    /** 20 → "20 %" in French, "20%" in English. */
    rate: (percent: number): string => (locale === 'fr' ? `${rate.format(percent)}\u00a0%` : `${rate.format(percent)}%`),
    date: (iso: string): string => date.format(new Date(iso)),
    country: (code: string): string => regions.of(code) ?? code,
  };
};

export type DocumentText = ReturnType<typeof documentText>;
