import { getProduct } from '#catalog/app/get-product';
import { listProducts } from '#catalog/app/list-products';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { documentClient } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { openApiDocument } from '#runtime/openapi';

const config = loadFunctionConfig('catalog');
const products = createProductRepository(documentClient, config.table.TABLE_NAME);
const openApi = openApiDocument();

/** Public catalog. Also answers API Gateway's `$default` route with 404/405 problems. */
export const handler = httpHandler<'catalog'>({
  'GET /health': async () => ({ status: 'ok' }),
  'GET /openapi.json': async () => openApi,
  'GET /products': ({ query }) => listProducts({ products }, query),
  'GET /products/{sku}': ({ params }) => getProduct({ products }, params.sku),
});
