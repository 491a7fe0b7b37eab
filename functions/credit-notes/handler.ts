import { createOrderLookup, orderTokenCheckOnFirstUse, readableOrder } from '#ordering/index';
import { getCreditNotePdf, type CreditNotePdf } from '#returns/app/get-credit-note-pdf';
import { listCreditNotes } from '#returns/app/list-credit-notes';
import { returnsFunctions } from '#returns/functions';
import { creditNotesRoutes } from '#returns/routes';
import { documentClient } from '#runtime/clients';
import { createBearerVerifier } from '#runtime/bearer';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const config = loadFunctionConfig(returnsFunctions, 'credit-notes');
const deps = {
  orders: createOrderLookup(documentClient, config.table.TABLE_NAME),
  orderTokens: orderTokenCheckOnFirstUse(signingKeyOnFirstUse(config.signing)),
  // The PDF's layout and pdfkit load on the first PDF asked for, not with this module.
  creditNotePdf: async (input: Parameters<CreditNotePdf>[0]) => (await import('#returns/adapters/credit-note-pdf')).renderCreditNotePdf(input),
};

/** Credit notes of an order, with the order token or as the signed-in customer who placed it. */
export const handler = httpHandler(creditNotesRoutes, 'credit-notes',
  {
    'GET /orders/{orderId}/credit-notes': ({ params, headers, principal }) =>
      listCreditNotes(deps, { orderId: params.orderId, token: headers['x-order-token'], customerId: principal?.sub }),
    // `file` is `A2026-000001.pdf` (API Gateway takes whole path segments as parameters); the token
    // may also come as `?token=` (the route's `tokenInQuery`), handed on as the header.
    'GET /orders/{orderId}/credit-notes/{file}': ({ params, headers, principal }) =>
      getCreditNotePdf(deps, { orderId: params.orderId, number: params.file.slice(0, -'.pdf'.length), token: headers['x-order-token'], customerId: principal?.sub }),
  },
  {
    verifyBearer: createBearerVerifier(config.identity),
    // A malformed file name is a 400 only to whoever may read the order.
    checkAccess: ({ params, headers, principal }) => readableOrder(deps, { orderId: params.orderId ?? '', token: headers['x-order-token'], customerId: principal?.sub }),
  },
);
