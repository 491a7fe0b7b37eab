import { NotFoundError } from '#domain/errors';
import { invoiceOf, type Seller } from '#domain/order/invoice';
import type { OrderRepository } from '#domain/order/ports';
import { readableOrder, type OrderReader } from './get-order';

/** The invoice of a paid order, for whoever may read the order. Before payment there is none: 404. */
export const getInvoice = async (deps: { orders: OrderRepository; seller: Seller }, reader: OrderReader) => {
  const invoice = invoiceOf(await readableOrder(deps, reader), deps.seller);
  if (!invoice) throw new NotFoundError(`Order ${reader.orderId} is not paid yet: it has no invoice.`);
  return invoice;
};
