import type { Locale } from '#kernel/customer';
import { subtract } from '#kernel/money';
import type { Invoice } from '../domain/invoice';
import type { AccountingDocument } from './accounting-document';
import { renderAccountingDocumentPdf } from './accounting-document-pdf';

/** An invoice as the accounting document the PDF renderer prints, in the customer's language. */
export const accountingDocumentOfInvoice = (invoice: Invoice, locale: Locale): AccountingDocument => ({
  kind: 'invoice',
  number: invoice.invoiceNumber,
  issuedAt: invoice.issuedAt,
  orderNumber: invoice.orderNumber,
  locale,
  currency: invoice.currency,
  seller: invoice.seller,
  buyer: invoice.buyer,
  deliveryAddress: invoice.deliveryAddress,
  pricesIncludeTax: invoice.pricesIncludeTax,
  lines: invoice.lines,
  // As the shop's prices are: without its VAT in a shop pricing without VAT.
  shipping: invoice.pricesIncludeTax ? invoice.shipping : subtract(invoice.shipping, invoice.shippingVat),
  discount: invoice.discount,
  vatByRate: invoice.vatByRate,
  totals: invoice.totals,
  settlement: { kind: 'paid', at: invoice.payment.paidAt },
  legalMentions: invoice.legalMentions,
});

/** The invoice as an A4 PDF (the `InvoicePdf` port of get-invoice-pdf.ts). */
export const renderInvoicePdf = (invoice: Invoice, locale: Locale): Promise<Uint8Array> =>
  renderAccountingDocumentPdf(accountingDocumentOfInvoice(invoice, locale));
