import { changeStock } from '#catalog/app/change-stock';
import { saveProduct } from '#catalog/app/save-product';
import { createProductRepository } from '#catalog/adapters/product-repository';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { loadFunctionConfig } from '#runtime/config';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig('catalog-admin');
const products = createProductRepository(documentClient, config.table.TABLE_NAME);
const publisher = createEventBridgePublisher(eventBridgeClient, config.bus.EVENT_BUS_NAME);
const clock = systemClock;

/** The back office of the catalog: products and stock. Every route needs the `admin` group. */
export const handler = httpHandler<'catalog-admin'>({
  'PUT /admin/products/{sku}': ({ params, body, correlationId }) =>
    saveProduct({ products, publisher, clock }, { ...body, sku: params.sku }, correlationId),
  'POST /admin/products/{sku}/stock': ({ params, body, correlationId }) =>
    changeStock({ products, publisher }, params.sku, body, correlationId),
});
