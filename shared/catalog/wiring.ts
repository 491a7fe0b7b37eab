import { OrderCancelled, OrderPlaced } from '#ordering/contracts/events';
import { ReturnReceived } from '#returns/contracts/events';
import { HealthSchema, OpenApiDocumentSchema } from '#runtime/http-schemas';
import type { ContextWiring } from '#runtime/wiring-spec';
import { catalogFunctions } from './functions';
import { ProductUpdated, StockChanged, StockLow } from './contracts/events';
import {
  AdminProductSchema,
  ListProductsQuerySchema,
  ProductPageSchema,
  ProductSchema,
  PutProductBodySchema,
  SkuParamsSchema,
  StockBodySchema,
  StockLevelSchema,
  StockListSchema,
  StockQuerySchema,
} from './contracts/http';

/** The catalog: products, their stock, and what sales do to it. */
export const catalogWiring = {
  functions: catalogFunctions,
  routes: {
    'GET /health': {
      function: 'catalog',
      auth: 'public',
      summary: 'Liveness check',
      response: { status: 200, schema: HealthSchema },
    },
    'GET /openapi.json': {
      function: 'catalog',
      auth: 'public',
      summary: 'This API as an OpenAPI 3.1 document',
      response: { status: 200, schema: OpenApiDocumentSchema },
    },
    'GET /products': {
      function: 'catalog',
      auth: 'public',
      summary: 'List products, optionally in one category',
      query: ListProductsQuerySchema,
      response: { status: 200, schema: ProductPageSchema },
    },
    'GET /products/{sku}': {
      function: 'catalog',
      auth: 'public',
      summary: 'One product',
      params: SkuParamsSchema,
      response: { status: 200, schema: ProductSchema },
    },
    'PUT /admin/products/{sku}': {
      function: 'catalog-admin',
      auth: 'admin',
      summary: 'Create or update a product',
      params: SkuParamsSchema,
      body: PutProductBodySchema,
      response: { status: 200, schema: AdminProductSchema },
    },
    'POST /admin/products/{sku}/stock': {
      function: 'catalog-admin',
      auth: 'admin',
      summary: 'Adjust (`delta`) or set (`set`) the stock of a physical product',
      params: SkuParamsSchema,
      body: StockBodySchema,
      response: { status: 200, schema: StockLevelSchema },
    },
    'GET /admin/stock': {
      function: 'catalog-admin',
      auth: 'admin',
      summary: 'The stock of every physical product, or (`low=true`) of those at or below their reorder point',
      query: StockQuerySchema,
      response: { status: 200, schema: StockListSchema },
    },
  },
  queues: {
    inventory: {
      worker: 'inventory',
      description: 'Each placed or cancelled order and received return, to the inventory worker that reports the stock it moved and notices low stock',
      consumes: [OrderPlaced, OrderCancelled, ReturnReceived],
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {},
  events: [ProductUpdated, StockChanged, StockLow],
} as const satisfies ContextWiring;
