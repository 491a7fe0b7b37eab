/**
 * What other contexts may use of ordering: the order as data and as events carry it, reading
 * it (with the same access rule as the API, order tokens included), ordering's part of their
 * transactions, and the units its unpaid orders hold (the catalog's stock view).
 */
export type { Carrier, Order, OrderLine, OrderStatus, OrderUnits, PaymentStatus, Shipment } from './domain/order';
export type * from './domain/after-sales';
export { returnReasons, unansweredByStripe } from './domain/after-sales';
export { awaitingPayment, cancelledUnpaid, canTransition, reservedUnits } from './domain/order';
export { withPricedLines } from './domain/credited-line';
export type { OrderLookup, OrderRepository, OrderTokenCheck, OrderTokens } from './app/ports';
export { readableOrder, type OrderReader, type OrderReadDeps } from './app/get-order';
export { orderNamed, orderSnapshot, orderView } from './app/order-view';
export { orderCancelled } from './app/order-cancelled';
export { annotateOrder, orderChangeWrite, transitionOrder } from './adapters/order-transactions';
export { succeededRefundWrites } from './adapters/succeeded-refunds';
export { unansweredRefunds, unansweredRefundWrites } from './adapters/unanswered-refunds';
export { createOrderTokens, orderTokenCheckOnFirstUse } from './adapters/order-tokens';
export { createOrderLookup } from './adapters/order-lookup';
export { createOrderRepository } from './adapters/order-repository';
export { createStockReservations } from './adapters/stock-reservations';
export { changeOrder, type OrderChange, type OrderChangeDeps, type OrderChangeStore } from './app/change-order';
