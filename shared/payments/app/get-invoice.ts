import { NotFoundError } from '#kernel/errors';
import { invoiceOf, type Seller } from '../domain/invoice';
import { readableOrder, type OrderReadDeps, type OrderReader } from '#ordering/index';

/** The invoice of a paid order, for whoever may read the order. Before payment there is none: 404. */
export const getInvoice = async (deps: OrderReadDeps & { seller: Seller }, reader: OrderReader) => {
  const invoice = invoiceOf(await readableOrder(deps, reader), deps.seller);
  if (!invoice) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  return invoice;
};
