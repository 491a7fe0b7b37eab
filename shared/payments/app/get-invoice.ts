import { ConflictError, NotFoundError } from '#kernel/errors';
import { readableOrder, type OrderReadDeps, type OrderReader } from '#ordering/index';
import { invoiceOf } from '../domain/invoice';

/**
 * The invoice of a paid order, for whoever may read the order, with the seller the order was
 * paid under. Before payment there is none: 404. Paid while the shop had no seller configured:
 * 409, never a placeholder identity on a legal document.
 */
export const getInvoice = async (deps: OrderReadDeps, reader: OrderReader) => {
  const order = await readableOrder(deps, reader);
  if (!order.invoiceNumber) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  if (!order.seller) {
    throw new ConflictError("No invoice can be issued: the shop's seller identity was not configured when this order was paid (PUT /admin/settings).", [
      { path: 'seller', message: 'is not configured' },
    ]);
  }
  const invoice = invoiceOf(order, order.seller);
  if (!invoice) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  return invoice;
};
