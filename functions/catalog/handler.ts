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
import { loadSigningKey } from '#runtime/signing';

const config = loadFunctionConfig(catalogFunctions, 'catalog');
const cursors = createCursorCodec(await loadSigningKey(config.signing));
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
