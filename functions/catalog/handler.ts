import { getProduct } from '#catalog/app/get-product';
import { listProducts } from '#catalog/app/list-products';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { documentClient } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { httpHandler } from '#runtime/http';
import { loadSigningKey } from '#runtime/signing';
// Generated at build time by `npm run openapi` (a test keeps it current): no schema conversion at cold start.
import openApi from './openapi.json' with { type: 'json' };

const config = loadFunctionConfig('catalog');
const cursors = createCursorCodec(await loadSigningKey(config.signing));
const products = createProductRepository(documentClient, config.table.TABLE_NAME, cursors);

/** Public catalog. Also answers API Gateway's `$default` route with 404/405 problems. */
export const handler = httpHandler<'catalog'>({
  'GET /health': async () => ({ status: 'ok' }),
  'GET /openapi.json': async () => openApi,
  'GET /products': ({ query }) => listProducts({ products }, query),
  'GET /products/{sku}': ({ params }) => getProduct({ products }, params.sku),
});
