import type { Locale } from '#kernel/customer';
import type { OrderReadDeps, OrderReader } from '#ordering/index';
import type { Invoice } from '../domain/invoice';
import { readableInvoice } from './get-invoice';

/** Prints an invoice as a PDF, in the given language (adapters/invoice-pdf.ts). */
export type InvoicePdf = (invoice: Invoice, locale: Locale) => Promise<Uint8Array>;

export interface InvoicePdfDeps extends OrderReadDeps {
  invoicePdf: InvoicePdf;
}

/**
 * The invoice of a paid order as a PDF file, in its customer's language.
 * 1. Read the invoice exactly as the JSON route does: same access rule (404 for anyone but the
 *    token holder or the owner), 404 before payment, 409 without a seller.
 * 2. Print it; name the file after its number.
 */
export const getInvoicePdf = async (deps: InvoicePdfDeps, reader: OrderReader): Promise<{ bytes: Uint8Array; filename: string }> => {
  const { invoice, locale } = await readableInvoice(deps, reader);
  return { bytes: await deps.invoicePdf(invoice, locale), filename: `${invoice.invoiceNumber}.pdf` };
};
