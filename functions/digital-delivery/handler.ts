import { createFulfillmentStore } from '#fulfillment/adapters/fulfillment-store';
import { deliverDigitalGoods } from '#fulfillment/app/deliver-digital-goods';
import { fulfillmentFunctions } from '#fulfillment/functions';
import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { OrderPaid } from '#ordering/contracts/events';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { on, queueHandler } from '#runtime/queue';

const config = loadFunctionConfig(fulfillmentFunctions, 'digital-delivery');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createFulfillmentStore(documentClient, table),
  ids: newId,
  clock: systemClock,
};

/** Delivers the digital goods of each paid order at once; a duplicate or replayed OrderPaid finds them delivered. */
export const handler = queueHandler([
  on(OrderPaid, async (data, metadata) => {
    await deliverDigitalGoods(deps, data.order.id, metadata.correlationId);
  }),
]);
