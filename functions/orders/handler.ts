import { getInvoice } from '#app/get-invoice';
import { getOrder } from '#app/get-order';
import { listMyOrders } from '#app/list-my-orders';
import { loadConfig, TableConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { repositories } from '#runtime/repositories';
import { seller } from '#runtime/seller';

const config = loadConfig(TableConfig);
const { orders } = repositories(config.TABLE_NAME);

/** Orders as their customers see them: with the order token, or signed in. */
export const handler = httpHandler<'orders'>({
  'GET /orders/{orderId}': ({ params, headers, principal }) =>
    getOrder({ orders }, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
  'GET /me/orders': ({ query, principal }) => listMyOrders({ orders }, { customerId: principal?.sub ?? '', ...query }),
  'GET /me/orders/{orderId}': ({ params, principal }) =>
    getOrder({ orders }, { orderId: params.orderId, token: undefined, customerId: principal?.sub }),
  'GET /orders/{orderId}/invoice': ({ params, headers, principal }) =>
    getInvoice({ orders, seller }, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
});
