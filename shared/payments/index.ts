/**
 * What other contexts may use of payments: the payment gateway (Stripe) as a port, the seller on
 * invoices, the invoice series. How invoices print is in `./pdf.ts`.
 */
export type { PaymentGateway, PaymentIntentStatus, PaymentIntentView, RefundView } from './domain/payment';
/** Why lines bear no VAT, as invoices state it: credit notes state the same of what they credit. */
export { vatExemptionMentions } from './domain/vat-mentions';
/** The invoice series, for another context's transaction that issues an invoice (one cancelling a credit note): this context owns its counter. */
export { invoiceSeries } from './adapters/invoice-series';
