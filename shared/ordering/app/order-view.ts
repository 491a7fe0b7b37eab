import { localeOf } from '#kernel/customer';
import type { Order } from '../domain/order';

/**
 * The order as its customer reads it. The HTTP chain also reduces every response to its
 * declared schema (OrderSchema); leaving out here what is never theirs to see (the user pool's
 * id of the customer, review flags, refund bookkeeping) keeps it out of any other use too.
 */
export const orderView = (order: Order) => {
  const { cartId: _cart, taxBreakdown: _tax, customerId: _customer, review: _review, lateRefund: _late, revision: _rev, ...rest } = order;
  return { ...rest, customer: { ...order.customer, locale: localeOf(order.customer) }, shipments: order.shipments ?? [], returns: [], refunds: [] };
};

/** What events carry of an order. */
export const orderSnapshot = (order: Order) => {
  const { cartId: _cart, taxBreakdown: _tax, paymentDueAt: _due, cancelledAt: _c, cancellationReason: _r, revision: _rev, ...rest } = order;
  return { ...rest, customer: { ...order.customer, locale: localeOf(order.customer) }, shipments: order.shipments ?? [] };
};
