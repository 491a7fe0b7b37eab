import { createOrderLookup } from '#ordering/adapters/order-lookup';
import { readableOrder } from '#ordering/index';
import { orderTokenCheckOnFirstUse } from '#ordering/adapters/order-tokens';
import { getInvoice } from '#payments/app/get-invoice';
import { getInvoicePdf, type InvoicePdf } from '#payments/app/get-invoice-pdf';
import { paymentsFunctions } from '#payments/functions';
import { invoicesRoutes } from '#payments/routes';
import { documentClient } from '#runtime/clients';
import { createBearerVerifier } from '#runtime/bearer';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const config = loadFunctionConfig(paymentsFunctions, 'invoices');
const deps = {
  orders: createOrderLookup(documentClient, config.table.TABLE_NAME),
  orderTokens: orderTokenCheckOnFirstUse(signingKeyOnFirstUse(config.signing)),
  // The PDF's layout and pdfkit load on the first PDF asked for, not with this module.
  invoicePdf: async (...input: Parameters<InvoicePdf>) => (await import('#payments/adapters/invoice-pdf')).renderInvoicePdf(...input),
};

/** Invoices of paid orders, with the order token or as the signed-in customer who placed it. */
export const handler = httpHandler(invoicesRoutes, 'invoices',
  {
    'GET /orders/{orderId}/invoice': ({ params, headers, principal }) =>
      getInvoice(deps, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
    // The token may also come as `?token=` (the route's `tokenInQuery`): the chain hands it on as the header.
    'GET /orders/{orderId}/invoice.pdf': ({ params, headers, principal }) =>
      getInvoicePdf(deps, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    // A request refused as invalid (a query parameter the route does not take) is a 400 only to whoever may read the order.
    checkAccess: ({ params, headers, principal }) => readableOrder(deps, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
