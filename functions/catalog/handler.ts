import { getProduct } from '#catalog/app/get-product';
import { listProducts } from '#catalog/app/list-products';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { catalogFunctions } from '#catalog/functions';
import { catalogRoutes } from '#catalog/routes';
import { documentClient } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { httpHandler } from '#runtime/http';
import { routeKeysOf } from '#runtime/route-matcher';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';

const config = loadFunctionConfig(catalogFunctions, 'catalog');
// The key signs listing cursors: read (from Secrets Manager in AWS) by the first cursor to make or
// check, so a product's page, or a catalog of one page, reads none.
const cursors = createCursorCodec(signingKeyOnFirstUse(config.signing));
const products = createProductRepository(documentClient, config.table.TABLE_NAME, cursors);

// Generated at build time by `npm run openapi` (a test keeps it current): no schema conversion at
// cold start. Imported by the two paths that read it; its 75 KB object is built on first use.
const openApi = async () => (await import('./openapi.json', { with: { type: 'json' } })).default;

/** Public catalog. Also answers API Gateway's `$default` route with 404/405 problems, from the routes the document lists. */
export const handler = httpHandler(
  catalogRoutes,
  'catalog',
  {
    'GET /health': async () => ({ status: 'ok' }),
    'GET /openapi.json': openApi,
    'GET /products': ({ query }) => listProducts({ products }, query),
    'GET /products/{sku}': ({ params }) => getProduct({ products }, params.sku),
  },
  { apiRoutes: async () => routeKeysOf(await openApi()) },
);
