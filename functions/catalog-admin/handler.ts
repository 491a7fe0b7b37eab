import { changeStock } from '#catalog/app/change-stock';
import { listStock } from '#catalog/app/list-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createStockLevels } from '#catalog/adapters/stock-levels';
import { catalogFunctions } from '#catalog/functions';
import { catalogAdminRoutes } from '#catalog/routes';
import { newId } from '#kernel/ids';
import { createStockReservations } from '#ordering/index';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(catalogFunctions, 'catalog-admin');
const products = createProductRepository(documentClient, config.table.TABLE_NAME);
const deps = { products, ids: newId, clock: systemClock };
// The stock as products store it, and the units unpaid orders hold (ordering knows those).
const stockView = {
  stock: createStockLevels(documentClient, config.table.TABLE_NAME),
  reservations: createStockReservations(documentClient, config.table.TABLE_NAME),
};

/** The back office of the catalog: products and stock. Every route needs the `admin` group. */
export const handler = httpHandler(catalogAdminRoutes, 'catalog-admin', {
  'PUT /admin/products/{sku}': ({ params, body, correlationId }) =>
    saveProduct(deps, { ...body, sku: params.sku }, correlationId),
  'POST /admin/products/{sku}/stock': ({ params, body, correlationId }) =>
    changeStock(deps, params.sku, body, correlationId),
  'GET /admin/stock': ({ query }) => listStock(stockView, { low: query.low === 'true' }),
});
