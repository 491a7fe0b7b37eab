import type { CancellingInvoice, CreditNote, OrderRefund, PricedCreditNote } from '#ordering/domain/after-sales';
import { pricedLine } from '#ordering/domain/credited-line';
import type { Order } from '#ordering/domain/order';
import { shippingParts } from './refund-amounts';

/** Credit notes have their own gap-free series per year (CGI art. 242 nonies A): "A2026-000001". */
export const formatCreditNoteNumber = (year: number, sequence: number): string => `A${year}-${String(sequence).padStart(6, '0')}`;

/**
 * The credit note of a succeeded refund of an invoiced order: it cites the invoice it corrects
 * (number and date) and states what is credited, line by line with VAT (each priced as its
 * invoice line, `pricedLine`), the delivery cost, VAT per rate and totals, all positive (CGI art.
 * 289). Undefined for an order never invoiced.
 */
export const creditNoteOf = (order: Order, refund: OrderRefund, issued: { number: string; at: string }): PricedCreditNote | undefined => {
  if (!order.invoiceNumber || !order.paidAt) return undefined;
  const currency = order.currency;
  const name = (sku: string) => order.items.find((l) => l.sku === sku)?.name ?? (order.customer.locale === 'en' ? 'Refund' : 'Remboursement');
  // A sum credited without goods states only its parts worth something (`apportion`; a refund
  // reserved before it left out the empty ones may hold a part of 0 at a rate).
  const credited = refund.lines.filter((l) => l.quantity > 0 || l.amount.amount > 0);
  const lines = credited.map((l) =>
    pricedLine(order, {
      sku: l.sku,
      description: l.sku ? name(l.sku) : order.customer.locale === 'en' ? 'Refund (goodwill or correction)' : 'Remboursement (geste commercial ou correction)',
      quantity: l.quantity,
      vatRate: l.vatRate / 100,
      totalExcludingTax: { amount: l.amount.amount - l.vat.amount, currency },
      vat: l.vat,
      totalIncludingTax: l.amount,
    }),
  );
  const parts = [...credited, ...(refund.shipping ? shippingParts(refund.shipping) : [])];
  const rates = [...new Set(parts.map((p) => p.vatRate))].sort((a, b) => a - b);
  const vatByRate = rates.map((rate) => {
    const of = parts.filter((p) => p.vatRate === rate);
    const vat = of.reduce((n, p) => n + p.vat.amount, 0);
    return { rate: rate / 100, base: { amount: of.reduce((n, p) => n + p.amount.amount, 0) - vat, currency }, vat: { amount: vat, currency } };
  });
  const vat = vatByRate.reduce((n, r) => n + r.vat.amount, 0);
  return {
    number: issued.number,
    invoiceNumber: order.invoiceNumber,
    invoiceDate: order.paidAt,
    issuedAt: issued.at,
    refundId: refund.id,
    currency,
    lines,
    shipping: refund.shipping?.amount ?? { amount: 0, currency },
    vatByRate,
    totals: { excludingTax: { amount: refund.amount.amount - vat, currency }, vat: { amount: vat, currency }, includingTax: refund.amount },
  };
};

/**
 * The invoice that cancels a credit note whose refund the bank failed after Stripe reported it
 * succeeded: numbered in the invoice series (`issued`), citing the note and the invoice it
 * corrected, it charges back exactly what the note credited (the same lines, delivery, VAT per
 * rate and totals), so that the accounts net to what was really refunded.
 */
export const cancellingInvoiceOf = (note: CreditNote, issued: { number: string; at: string }): CancellingInvoice => ({
  number: issued.number,
  issuedAt: issued.at,
  creditNoteNumber: note.number,
  creditNoteDate: note.issuedAt,
  invoiceNumber: note.invoiceNumber,
  invoiceDate: note.invoiceDate,
  refundId: note.refundId,
  currency: note.currency,
  lines: note.lines,
  shipping: note.shipping,
  vatByRate: note.vatByRate,
  totals: note.totals,
});
