import { ApplyPromotionBodySchema, CartItemParamsSchema, CartPromotionParamsSchema, CartSchema, CreateCartBodySchema, CreatedCartSchema, SetCustomerBodySchema, SetItemBodySchema } from './contracts/http';
import { CartIdParamsSchema } from './contracts/shapes';
import { PromotionCodeParamsSchema, PromotionSchema, PutPromotionBodySchema } from './contracts/promotions';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The cart context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const cartsRoutes = {
  'POST /carts': {
    function: 'carts',
    auth: 'public',
    summary: 'Open an anonymous cart; keep its token, every later call needs it in X-Cart-Token',
    body: CreateCartBodySchema,
    response: { status: 201, schema: CreatedCartSchema },
    // Anyone may open a cart, and each one is an item kept for days: 50 new carts a second is
    // 180,000 shoppers an hour, far above a shop's peak, yet bounds how fast a script fills the table.
    throttle: { rateLimit: 50, burstLimit: 100 },
  },
  'GET /carts/{cartId}': {
    function: 'carts',
    auth: 'cart',
    summary: 'The cart, priced by the server',
    params: CartIdParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'PUT /carts/{cartId}/items/{sku}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Set the quantity of a product (0 removes it)',
    params: CartItemParamsSchema,
    body: SetItemBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'DELETE /carts/{cartId}/items/{sku}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Remove a product from the cart',
    params: CartItemParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'PUT /carts/{cartId}/customer': {
    function: 'carts',
    auth: 'cart',
    summary: 'Set the email and the shipping and billing addresses',
    params: CartIdParamsSchema,
    body: SetCustomerBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'POST /carts/{cartId}/promotions': {
    function: 'carts',
    auth: 'cart',
    summary: 'Apply a promotion code',
    params: CartIdParamsSchema,
    body: ApplyPromotionBodySchema,
    response: { status: 200, schema: CartSchema },
  },
  'DELETE /carts/{cartId}/promotions/{code}': {
    function: 'carts',
    auth: 'cart',
    summary: 'Remove a promotion code',
    params: CartPromotionParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'POST /carts/{cartId}/claim': {
    function: 'carts',
    auth: 'customer',
    summary: 'The signed-in customer takes over an anonymous cart (X-Cart-Token still required)',
    params: CartIdParamsSchema,
    response: { status: 200, schema: CartSchema },
  },
  'PUT /admin/promotions/{code}': {
    function: 'carts',
    auth: 'admin',
    summary: 'Create or update a promotion code',
    params: PromotionCodeParamsSchema,
    body: PutPromotionBodySchema,
    response: { status: 200, schema: PromotionSchema },
  },
} as const satisfies Record<string, RouteSpec>;
