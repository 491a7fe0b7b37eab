import type { Order } from '../domain/order';

/** The order as the API and the events show it: internal bookkeeping left out. */
export const orderView = (order: Order) => {
  const { cartId: _cart, taxBreakdown: _tax, ...rest } = order;
  return { ...rest, shipments: [], returns: [], refunds: [] };
};

/** What events carry of an order. */
export const orderSnapshot = (order: Order) => {
  const { cartId: _cart, taxBreakdown: _tax, paymentDueAt: _due, cancelledAt: _c, cancellationReason: _r, ...rest } = order;
  return rest;
};
