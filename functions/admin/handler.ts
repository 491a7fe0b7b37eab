import { changeStock } from '#app/change-stock';
import { saveProduct } from '#app/save-product';
import { savePromotion } from '#app/save-promotion';
import { createPromotionRepository } from '#adapters/dynamodb/promotion-repository';
import { createProductRepository } from '#adapters/dynamodb/product-repository';
import { createEventBridgePublisher } from '#adapters/eventbridge/publisher';
import { documentClient, eventBridgeClient, systemClock } from '#runtime/clients';
import { BusConfig, loadConfig, TableConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadConfig(TableConfig.extend(BusConfig.shape));
const products = createProductRepository(documentClient, config.TABLE_NAME);
const publisher = createEventBridgePublisher(eventBridgeClient, config.EVENT_BUS_NAME);
const promotions = createPromotionRepository(documentClient, config.TABLE_NAME);
const clock = systemClock;

/** The back office: products, stock and promotions. Every route needs the `admin` group. */
export const handler = httpHandler<'admin'>({
  'PUT /admin/products/{sku}': ({ params, body, correlationId }) =>
    saveProduct({ products, publisher, clock }, { ...body, sku: params.sku }, correlationId),
  'POST /admin/products/{sku}/stock': ({ params, body, correlationId }) =>
    changeStock({ products, publisher }, params.sku, body, correlationId),
  'PUT /admin/promotions/{code}': ({ params, body }) => savePromotion({ promotions, clock }, { ...body, code: params.code }),
});
