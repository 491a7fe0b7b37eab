import { readableOrder, type CreditNote, type OrderReadDeps, type OrderReader } from '#ordering/index';

/**
 * The credit notes of an order, for whoever may read the order.
 * 1. Read the order as its reader may (order token or signed-in owner; anyone else: 404).
 * 2. Answer its credit notes, oldest first, as they were issued (none: an empty list), each with
 *    the number of the invoice that cancelled it, if its refund failed afterwards (`cancelledBy`):
 *    a cancelled note stays in the list, since its number is never withdrawn.
 */
export const listCreditNotes = async (deps: OrderReadDeps, reader: OrderReader): Promise<{ items: (CreditNote & { cancelledBy?: string })[] }> => {
  const order = await readableOrder(deps, reader);
  const cancelledBy = new Map((order.cancellingInvoices ?? []).map((invoice) => [invoice.creditNoteNumber, invoice.number]));
  return { items: (order.creditNotes ?? []).map((note) => ({ ...note, ...(cancelledBy.has(note.number) && { cancelledBy: cancelledBy.get(note.number) }) })) };
};
