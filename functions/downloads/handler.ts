import { createDownloadLinks } from '#fulfillment/adapters/load-download-links';
import { s3DownloadLinks } from '#fulfillment/adapters/s3-download-links';
import { listDownloads } from '#fulfillment/app/list-downloads';
import { fulfillmentFunctions } from '#fulfillment/functions';
import { downloadsRoutes } from '#fulfillment/routes';
import { createOrderLookup, orderTokenCheckOnFirstUse, readableOrder } from '#ordering/index';
import { createBearerVerifier } from '#runtime/bearer';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const config = loadFunctionConfig(fulfillmentFunctions, 'downloads');
// The key checks order tokens (and signs the local runtime's links): read on first use, so a
// signed-in customer's request, in AWS, never reads it.
const signing = signingKeyOnFirstUse(config.signing);
const deps = {
  orders: createOrderLookup(documentClient, config.table.TABLE_NAME),
  orderTokens: orderTokenCheckOnFirstUse(signing),
  links: createDownloadLinks(config.downloads, signing, s3DownloadLinks),
  clock: systemClock,
};

/** Download links to a paid order's digital goods, for whoever may read the order. */
export const handler = httpHandler(downloadsRoutes, 'downloads',
  {
    'GET /orders/{orderId}/downloads': ({ params, headers, principal }) =>
      listDownloads(deps, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    // A request refused as invalid (a query parameter the route does not take) is a 400 only to whoever may read the order.
    checkAccess: ({ params, headers, principal }) => readableOrder(deps, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
