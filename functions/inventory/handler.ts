import { createStockAlerts } from '#catalog/adapters/stock-alerts';
import { releasedByCancellation, reportOrderStock, restockedByReturn } from '#catalog/app/report-order-stock';
import { catalogFunctions } from '#catalog/functions';
import { newId } from '#kernel/ids';
import { OrderCancelled, OrderPlaced } from '#ordering/contracts/events';
import { ReturnReceived } from '#returns/contracts/events';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig(catalogFunctions, 'inventory');
const deps = {
  stock: createStockAlerts(documentClient, config.table.TABLE_NAME, systemClock),
  ids: newId,
  clock: systemClock,
};

/** Reports the stock each placed or cancelled order or received return moved, and tells the shop once when a sale crosses a reorder point. */
export const handler = queueHandler([
  on(OrderPlaced, async (data, metadata) => {
    await reportOrderStock(deps, { eventId: metadata.eventId, reason: 'order_placed', orderId: data.order.id, items: data.order.items }, metadata.correlationId);
  }),
  on(OrderCancelled, async (data, metadata) => {
    await reportOrderStock(deps, { eventId: metadata.eventId, reason: 'order_cancelled', orderId: data.order.id, items: releasedByCancellation(data.order.items, data.cancelledItems) }, metadata.correlationId);
  }),
  on(ReturnReceived, async (data, metadata) => {
    await reportOrderStock(deps, { eventId: metadata.eventId, reason: 'return_received', orderId: data.order.id, returnId: data.return.id, items: restockedByReturn(data.return.received) }, metadata.correlationId);
  }),
]);
