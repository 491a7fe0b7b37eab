import { reportReservedStock } from '#app/report-reserved-stock';
import { createProcessedEvents } from '#adapters/dynamodb/processed-events';
import { createProductRepository } from '#adapters/dynamodb/product-repository';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { OrderPlaced } from '#contracts/events/index';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, loadConfig, TableConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';

const config = loadConfig(TableConfig.extend(BusConfig.shape));
const deps = {
  products: createProductRepository(documentClient, config.TABLE_NAME),
  publisher: createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME),
  processed: createProcessedEvents(documentClient, config.TABLE_NAME, systemClock),
};

/** Reports the stock each placed order took, so that low stock is noticed as sales happen. */
export const handler = queueHandler([
  on(OrderPlaced, async (data, metadata) => {
    await reportReservedStock(deps, { eventId: metadata.eventId, items: data.order.items }, metadata.correlationId);
  }),
]);
