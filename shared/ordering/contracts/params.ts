import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';

/** An order's id in a path: apart from http.ts, so that a context whose routes take one does not build every order schema. */
export const OrderIdParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({ orderId: z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not an order id')) }));
