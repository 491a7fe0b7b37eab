/** What other contexts may use of payments: the payment gateway (Stripe) as a port, the seller on invoices. */
export type { PaymentGateway, PaymentIntentStatus, PaymentIntentView, RefundView } from './domain/payment';
/** How invoices print, for other accounting documents (credit notes) to print the same way; pdfkit loads on the first PDF. */
export type { AccountingDocument, AccountingLine } from './adapters/accounting-document';
export { renderAccountingDocumentPdf } from './adapters/accounting-document-pdf';
/** Why lines bear no VAT, as invoices state it: credit notes state the same of what they credit. */
export { vatExemptionMentions } from './domain/vat-mentions';
