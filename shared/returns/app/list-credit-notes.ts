import { readableOrder, type CreditNote, type OrderReadDeps, type OrderReader } from '#ordering/index';

/**
 * The credit notes of an order, for whoever may read the order.
 * 1. Read the order as its reader may (order token or signed-in owner; anyone else: 404).
 * 2. Answer its credit notes, oldest first, as they were issued (none: an empty list).
 */
export const listCreditNotes = async (deps: OrderReadDeps, reader: OrderReader): Promise<{ items: CreditNote[] }> => {
  const order = await readableOrder(deps, reader);
  return { items: order.creditNotes ?? [] };
};
