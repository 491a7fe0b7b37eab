import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CursorQuerySchema } from '#kernel/schemas';
import { OrderSchema } from './http';

/** An order number as checkout makes it: the year, a dash, a sequence of at least six digits. */
export const ORDER_NUMBER = /^\d{4}-\d{6,10}$/;

const isEmail = (value: string) => z.email().safeParse(value).success;

/** What the back office may filter orders by. Without a filter: every order, newest first. */
export const AdminOrdersQuerySchema = /* @__PURE__ */ deferred(() => z.strictObject({
  status: z.optional(OrderSchema.shape.status),
  q: z
    .optional(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(254),
          z.refine((q) => ORDER_NUMBER.test(q) || isEmail(q), 'is neither an order number (2026-000123) nor an email address'),
        ),
    )
    .check(
      z.describe("An order number (`2026-000123`), or the customer's email address (any case: orders placed before email search existed are not found by it)."),
    ),
  ...CursorQuerySchema,
}));
