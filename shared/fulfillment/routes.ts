import { OrderSchema, ShipmentSchema } from '#ordering/contracts/http';
import { OrderIdParamsSchema } from '#ordering/contracts/params';
import { CreateShipmentBodySchema, DownloadsSchema, ShipmentParamsSchema } from './contracts/http';
import { NoBodySchema } from '#kernel/schemas';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The fulfillment context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const fulfillmentRoutes = {
  'POST /admin/orders/{orderId}/shipments': {
    function: 'fulfillment',
    auth: 'admin',
    summary: 'Record a parcel sent (no items: everything not shipped yet); the customer is emailed its tracking',
    params: OrderIdParamsSchema,
    body: CreateShipmentBodySchema,
    response: { status: 201, schema: ShipmentSchema },
  },
  'POST /admin/orders/{orderId}/shipments/{shipmentId}/delivered': {
    function: 'fulfillment',
    auth: 'admin',
    summary: 'Record that a parcel reached the customer (again: nothing changes)',
    params: ShipmentParamsSchema,
    body: NoBodySchema,
    response: { status: 200, schema: OrderSchema },
  },
} as const satisfies Record<string, RouteSpec>;

export const downloadsRoutes = {
  'GET /orders/{orderId}/downloads': {
    function: 'downloads',
    auth: 'order',
    summary: 'Fresh, time-limited links to the digital goods of a paid order',
    params: OrderIdParamsSchema,
    response: { status: 200, schema: DownloadsSchema },
  },
} as const satisfies Record<string, RouteSpec>;
