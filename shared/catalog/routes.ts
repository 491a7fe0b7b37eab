import { HealthSchema, OpenApiDocumentSchema } from '#runtime/http-schemas';
import { AdminProductSchema, ListProductsQuerySchema, ProductPageSchema, ProductSchema, PutProductBodySchema, SkuParamsSchema, StockBodySchema, StockLevelSchema, StockListSchema, StockQuerySchema } from './contracts/http';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The catalog context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const catalogRoutes = {
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
} as const satisfies Record<string, RouteSpec>;

export const catalogAdminRoutes = {
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
    summary: 'Adjust (`delta`) or set (`set`) the stock of a physical product; a `delta` retried safely with an Idempotency-Key',
    params: SkuParamsSchema,
    body: StockBodySchema,
    idempotent: 'optional',
    response: { status: 200, schema: StockLevelSchema },
  },
  'GET /admin/stock': {
    function: 'catalog-admin',
    auth: 'admin',
    summary: 'The stock of every physical product, or (`low=true`) of those at or below their reorder point',
    query: StockQuerySchema,
    response: { status: 200, schema: StockListSchema },
  },
} as const satisfies Record<string, RouteSpec>;
