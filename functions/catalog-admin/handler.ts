import { changeStock } from '#catalog/app/change-stock';
import { listStock } from '#catalog/app/list-stock';
import type { StockChange } from '#catalog/app/ports';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { createStockLevels } from '#catalog/adapters/stock-levels';
import { productAtPath } from '#catalog/contracts/http';
import { catalogFunctions } from '#catalog/functions';
import { catalogAdminRoutes } from '#catalog/routes';
import { newId } from '#kernel/ids';
import { createStockReservations } from '#ordering/index';
import { documentClient, dynamoDbClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';
import { idempotentWhenKeyed } from '#runtime/idempotent-when-keyed';
import { signingKeyOnFirstUse } from '#runtime/signing-on-first-use';
import { createSettingsReader } from '#settings/adapters/settings-store';

const config = loadFunctionConfig(catalogFunctions, 'catalog-admin');
const products = createProductRepository(documentClient, config.table.TABLE_NAME);
const deps = { products, ids: newId, clock: systemClock };
// The shop's currency, which a price must be in (read through the settings' short cache).
const readSettings = createSettingsReader(dynamoDbClient, config.table.TABLE_NAME);
// The stock as products store it, and the units unpaid orders hold (ordering knows those).
const stockView = {
  stock: createStockLevels(documentClient, config.table.TABLE_NAME),
  reservations: createStockReservations(documentClient, config.table.TABLE_NAME),
};

interface StockInput {
  /** The sku and the Idempotency-Key, if sent: the same key on another product is another change. */
  key: string | undefined;
  request: StockChange;
  sku: string;
  correlationId: string;
}

// With an Idempotency-Key, the same key and body on the same product answer the first result: a `delta` sent again is not added again.
const changeStockOnce = idempotentWhenKeyed(
  ({ sku, request, correlationId }: StockInput) => changeStock(deps, sku, request, correlationId),
  { tableName: config.idempotency.IDEMPOTENCY_TABLE_NAME, sealWith: signingKeyOnFirstUse(config.signing), keyPrefix: 'POST /admin/products/{sku}/stock' },
);

/** The back office of the catalog: products and stock. Every route needs the `admin` group. */
export const handler = httpHandler(catalogAdminRoutes, 'catalog-admin', {
  'PUT /admin/products/{sku}': async ({ params, body, correlationId }) =>
    saveProduct({ ...deps, settings: await readSettings() }, productAtPath(params.sku, body), correlationId),
  'POST /admin/products/{sku}/stock': ({ params, headers, body, correlationId, lambdaContext }) => {
    const key = headers['idempotency-key'];
    return changeStockOnce({ key: key === undefined ? undefined : `${params.sku}:${key}`, request: body, sku: params.sku, correlationId }, lambdaContext);
  },
  'GET /admin/stock': ({ query }) => listStock(stockView, { low: query.low === 'true' }),
});
