import { createFulfillmentStore } from '#fulfillment/adapters/fulfillment-store';
import { markDelivered } from '#fulfillment/app/mark-delivered';
import { shipOrder } from '#fulfillment/app/ship-order';
import { fulfillmentFunctions } from '#fulfillment/functions';
import { fulfillmentRoutes } from '#fulfillment/routes';
import { newId } from '#kernel/ids';
import { createOrderLookup } from '#ordering/index';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(fulfillmentFunctions, 'fulfillment');
const table = config.table.TABLE_NAME;
const deps = {
  orders: createOrderLookup(documentClient, table),
  store: createFulfillmentStore(documentClient, table),
  ids: newId,
  clock: systemClock,
};

/** The shop's back office of shipping: parcels sent with their tracking, parcels delivered. */
export const handler = httpHandler(fulfillmentRoutes, 'fulfillment', {
  'POST /admin/orders/{orderId}/shipments': ({ params, body, correlationId }) => shipOrder(deps, { orderId: params.orderId, request: body }, correlationId),
  'POST /admin/orders/{orderId}/shipments/{shipmentId}/delivered': ({ params, correlationId }) => markDelivered(deps, params, correlationId),
});
