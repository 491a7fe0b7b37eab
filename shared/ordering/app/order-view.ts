import { localeOf } from '#kernel/customer';
import type { Order } from '../domain/order';
import { taxBreakdownOf } from '../domain/tax-breakdown';

/**
 * The order as its customer reads it. The HTTP chain also reduces every response to its
 * declared schema (OrderSchema); leaving out here what is never theirs to see (the user pool's
 * id of the customer, review flags, refund bookkeeping) keeps it out of any other use too.
 */
export const orderView = (order: Order) => {
  const { cartId: _cart, taxBreakdown: _tax, customerId: _customer, review: _review, lateRefund: _late, revision: _rev, creditNotes: _notes, cancellingInvoices: _cancelling, ...rest } = order;
  const refundDueBy = owedRefundDeadline(order);
  return {
    ...rest,
    customer: { ...order.customer, locale: localeOf(order.customer) },
    shipments: order.shipments ?? [],
    returns: (order.returns ?? []).map((r) => ({ ...r, orderId: order.id })),
    refunds: order.refunds ?? [],
    ...(refundDueBy && { refundDueBy }),
  };
};

/** While a withdrawal's refund is owed, the earliest deadline among them (Code de la consommation L221-24). */
const owedRefundDeadline = (order: Order): string | undefined =>
  (order.returns ?? [])
    .filter((r) => r.refundDueBy && (r.status === 'requested' || r.status === 'approved' || r.status === 'received'))
    .map((r) => r.refundDueBy as string)
    .sort()[0];

/** What events carry of an order: its VAT per rate with the delivery's part, as its invoice states it. */
export const orderSnapshot = (order: Order) => {
  const { cartId: _cart, paymentDueAt: _due, cancelledAt: _c, cancellationReason: _r, revision: _rev, returns: _returns, refunds: _refunds, creditNotes: _notes, cancellingInvoices: _cancelling, ...rest } = order;
  return { ...rest, customer: { ...order.customer, locale: localeOf(order.customer) }, shipments: order.shipments ?? [], taxBreakdown: taxBreakdownOf(order) };
};

/** The order as people know it, in the events a person acts on: its number and its customer's email. */
export const orderNamed = (order: Pick<Order, 'number' | 'customer'>) => ({ orderNumber: order.number, customerEmail: order.customer.email });
