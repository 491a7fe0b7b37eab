import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';

/**
 * A SKU as API.md has it: 1 to 64 letters of either case, digits, `-`, `_` or `.`, its case kept
 * (`E2E-LAST-a1b2c3` and `e2e-last-a1b2c3` are two products). `.` and `..` alone are refused: a
 * URL path cannot carry them (clients and gateways resolve them as dot-segments), so such a
 * product could never be read at `/products/{sku}`.
 */
export const SkuSchema = /* @__PURE__ */ deferred(() => z
  .string()
  .check(z.regex(/^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,64}$/, 'a SKU is 1 to 64 letters, digits, "-", "_" or "." (and not "." or "..")')));
