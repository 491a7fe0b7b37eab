import { createOrderRepository } from '#ordering/adapters/order-repository';
import { orderTokenCheckOnFirstUse } from '#ordering/adapters/order-tokens';
import { createOrderSearch } from '#ordering/adapters/order-search';
import { createSalesRecords } from '#ordering/adapters/sales-records';
import { getOrder, readableOrder } from '#ordering/app/get-order';
import { getOrderForAdmin } from '#ordering/app/get-order-for-admin';
import { listMyOrders } from '#ordering/app/list-my-orders';
import { listOrders } from '#ordering/app/list-orders';
import { reportSales } from '#ordering/app/report-sales';
import { orderingFunctions } from '#ordering/functions';
import { ordersRoutes } from '#ordering/routes';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { createBearerVerifier } from '#runtime/bearer';
import { loadFunctionConfig } from '#runtime/config';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { httpHandler } from '#runtime/http';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';
import type { SettingsReader } from '#settings/index';

const config = loadFunctionConfig(orderingFunctions, 'orders');
// The key signs listing cursors and checks guests' order tokens: read (from Secrets Manager in
// AWS) by the first request that needs it, so a customer reading an order or a one-page list reads none.
const signing = signingKeyOnFirstUse(config.signing);
const cursors = createCursorCodec(signing);
const orders = createOrderRepository(documentClient, config.table.TABLE_NAME, cursors);
const search = createOrderSearch(documentClient, config.table.TABLE_NAME, cursors);
const orderTokens = orderTokenCheckOnFirstUse(signing);
const sales = createSalesRecords(documentClient, config.table.TABLE_NAME);
// The currency of a sales report that names none: the shop's, as its settings say now (cached).
// Their reader (Powertools' provider) loads with the first such report, not at every cold start.
let readSettings: Promise<SettingsReader> | undefined;
const shopCurrency = async () => {
  readSettings ??= import('#settings/adapters/settings-store').then(({ createSettingsReader }) => createSettingsReader(dynamoDbClient, config.table.TABLE_NAME));
  return (await (await readSettings)()).currency;
};

/** Orders as their customers see them (with the order token, or signed in), and for the back office. */
export const handler = httpHandler(ordersRoutes, 'orders',
  {
    'GET /orders/{orderId}': ({ params, headers, principal }) =>
      getOrder({ orders, orderTokens }, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
    'GET /me/orders': ({ query, principal }) => listMyOrders({ orders }, { customerId: principal?.sub ?? '', ...query }),
    'GET /me/orders/{orderId}': ({ params, principal }) =>
      getOrder({ orders, orderTokens }, { orderId: params.orderId, token: undefined, customerId: principal?.sub }),
    'GET /admin/orders': ({ query }) => listOrders({ search }, query),
    'GET /admin/orders/{orderId}': ({ params }) => getOrderForAdmin({ orders }, params.orderId),
    'GET /admin/reports/sales': ({ query }) => reportSales({ sales, shopCurrency }, query),
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    // A request refused as invalid (a query parameter the route does not take) is a 400 only to whoever may read the order.
    checkAccess: ({ params, headers, principal }) => readableOrder({ orders, orderTokens }, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
