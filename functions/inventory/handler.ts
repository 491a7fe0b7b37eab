import { createProductRepository } from '#catalog/adapters/product-repository';
import { reportReservedStock } from '#catalog/app/report-reserved-stock';
import { OrderPlaced } from '#ordering/contracts/events';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createProcessedEvents } from '#runtime/dynamodb/processed-events';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig('inventory');
const deps = {
  products: createProductRepository(documentClient, config.table.TABLE_NAME),
  publisher: createEventBridgePublisher(eventBridgeClient, config.bus.EVENT_BUS_NAME),
  processed: createProcessedEvents(documentClient, config.table.TABLE_NAME, systemClock),
};

/** Reports the stock each placed order took, so that low stock is noticed as sales happen. */
export const handler = queueHandler([
  on(OrderPlaced, async (data, metadata) => {
    await reportReservedStock(deps, { eventId: metadata.eventId, items: data.order.items }, metadata.correlationId);
  }),
]);
