import { localeOf, type Locale } from '#kernel/customer';
import { ConflictError, NotFoundError } from '#kernel/errors';
import { readableOrder, type OrderReadDeps, type OrderReader } from '#ordering/index';
import { invoiceOf, type Invoice } from '../domain/invoice';

/**
 * The invoice of a paid order, for whoever may read the order, with the seller the order was
 * paid under, and the language of its customer (for a printed copy).
 * 1. Read the order as its reader may (order token or signed-in owner; anyone else: 404).
 * 2. Before payment there is no invoice: 404.
 * 3. Paid while the shop had no seller configured: 409, never a placeholder identity on a legal
 *    document.
 */
export const readableInvoice = async (deps: OrderReadDeps, reader: OrderReader): Promise<{ invoice: Invoice; locale: Locale }> => {
  const order = await readableOrder(deps, reader);
  if (!order.invoiceNumber) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  if (!order.seller) {
    throw new ConflictError("No invoice can be issued: the shop's seller identity was not configured when this order was paid (PUT /admin/settings).", [
      { path: 'seller', message: 'is not configured' },
    ]);
  }
  const invoice = invoiceOf(order, order.seller);
  if (!invoice) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  return { invoice, locale: localeOf(order.customer) };
};

/** The invoice of a paid order, as JSON (see `readableInvoice` for who may read it). */
export const getInvoice = async (deps: OrderReadDeps, reader: OrderReader): Promise<Invoice> => (await readableInvoice(deps, reader)).invoice;
