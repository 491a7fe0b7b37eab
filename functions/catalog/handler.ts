import { getProduct } from '#app/get-product';
import { listProducts } from '#app/list-products';
import { createProductRepository } from '#adapters/dynamodb/product-repository';
import { documentClient } from '#runtime/clients';
import { loadConfig, TableConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { openApiDocument } from '#runtime/openapi';

const config = loadConfig(TableConfig);
const products = createProductRepository(documentClient, config.TABLE_NAME);
const openApi = openApiDocument();

/** Public catalog. Also answers API Gateway's `$default` route with 404/405 problems. */
export const handler = httpHandler<'catalog'>({
  'GET /health': async () => ({ status: 'ok' }),
  'GET /openapi.json': async () => openApi,
  'GET /products': ({ query }) => listProducts({ products }, query),
  'GET /products/{sku}': ({ params }) => getProduct({ products }, params.sku),
});
