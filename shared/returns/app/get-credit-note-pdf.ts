import { localeOf, type Locale } from '#kernel/customer';
import { ConflictError, NotFoundError } from '#kernel/errors';
import { readableOrder, withPricedLines, type Order, type OrderReadDeps, type OrderReader, type PricedCreditNote } from '#ordering/index';
import type { Seller } from '#settings/index';

/** Prints a credit note, its lines priced, as a PDF (adapters/credit-note-pdf.ts): the order gives its buyer and references. */
export type CreditNotePdf = (input: { order: Order; creditNote: PricedCreditNote; seller: Seller; locale: Locale }) => Promise<Uint8Array>;

export interface CreditNotePdfDeps extends OrderReadDeps {
  creditNotePdf: CreditNotePdf;
}

/**
 * One credit note of an order as a PDF file, in its customer's language.
 * 1. Read the order as its reader may (order token or signed-in owner; anyone else: 404).
 * 2. Find the credit note by its number among the order's: another order's number is a 404 too.
 * 3. Without the seller the order was invoiced by: 409, as for its invoice (never a placeholder
 *    identity on a legal document).
 * 4. Print it, its lines priced as the list states them (`withPricedLines`); name the file after its number.
 */
export const getCreditNotePdf = async (deps: CreditNotePdfDeps, reader: OrderReader & { number: string }): Promise<{ bytes: Uint8Array; filename: string }> => {
  const order = await readableOrder(deps, reader);
  const creditNote = (order.creditNotes ?? []).find((note) => note.number === reader.number);
  if (!creditNote) throw new NotFoundError(`Order ${reader.orderId} has no credit note ${reader.number}.`);
  if (!order.seller) {
    throw new ConflictError("No credit note can be printed: the shop's seller identity was not configured when this order was paid.", [
      { path: 'seller', message: 'is not configured' },
    ]);
  }
  const bytes = await deps.creditNotePdf({ order, creditNote: withPricedLines(order, creditNote), seller: order.seller, locale: localeOf(order.customer) });
  return { bytes, filename: `${creditNote.number}.pdf` };
};
