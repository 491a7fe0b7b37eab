import { readableOrder, withPricedLines, type OrderReadDeps, type OrderReader, type PricedCreditNote } from '#ordering/index';

/**
 * The credit notes of an order, for whoever may read the order.
 * 1. Read the order as its reader may (order token or signed-in owner; anyone else: 404).
 * 2. Answer its credit notes, oldest first, as they were issued (none: an empty list), each with
 *    the number of the invoice that cancelled it, if its refund failed afterwards (`cancelledBy`):
 *    a cancelled note stays in the list, since its number is never withdrawn. A note issued before
 *    its lines stated unit prices and discount gets them from the order's lines (`withPricedLines`).
 */
export const listCreditNotes = async (
  deps: OrderReadDeps,
  reader: OrderReader,
): Promise<{ items: (PricedCreditNote & { cancelledBy?: string })[] }> => {
  const order = await readableOrder(deps, reader);
  const cancelledBy = new Map((order.cancellingInvoices ?? []).map((invoice) => [invoice.creditNoteNumber, invoice.number]));
  return {
    items: (order.creditNotes ?? []).map((note) => ({ ...withPricedLines(order, note), ...(cancelledBy.has(note.number) && { cancelledBy: cancelledBy.get(note.number) }) })),
  };
};
