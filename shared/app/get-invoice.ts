import { NotFoundError } from '#domain/errors';
import { invoiceOf, type Seller } from '#domain/order/invoice';
import type { OrderRepository } from '#domain/order/ports';
import { tokenMatches } from './tokens';

/** The invoice of a paid order, for whoever may read the order. Before payment there is none: 404. */
export const getInvoice = async (
  deps: { orders: OrderRepository; seller: Seller },
  input: { orderId: string; token: string | undefined; customerId: string | undefined },
) => {
  const found = await deps.orders.get(input.orderId);
  const allowed =
    found && (tokenMatches(found.tokenHash, input.token) || (input.customerId !== undefined && found.order.customerId === input.customerId));
  if (!found || !allowed) throw new NotFoundError(`There is no order ${input.orderId}.`);
  const invoice = invoiceOf(found.order, deps.seller);
  if (!invoice) throw new NotFoundError(`Order ${input.orderId} is not paid yet: it has no invoice.`);
  return invoice;
};
