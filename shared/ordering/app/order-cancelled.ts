import { eventOf, type OutgoingEvent } from '#kernel/events';
import { OrderCancelled } from '../contracts/events';
import { cancelledItems, type Order } from '../domain/order';
import { orderSnapshot } from './order-view';

/**
 * The `OrderCancelled` fact of an order once cancelled, whole or (partly shipped) its rest, for
 * every path that cancels one (expiry, the shop): the inventory worker reports the stock it gave
 * back from the `cancelledItems` it lists.
 */
export const orderCancelled = (order: Order, reason: 'payment_expired' | 'cancelled_by_shop'): OutgoingEvent =>
  eventOf(OrderCancelled, { order: orderSnapshot(order), reason, cancelledItems: cancelledItems(order) });
