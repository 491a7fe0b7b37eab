import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CurrencySchema, CursorQuerySchema, MoneySchema } from '#kernel/schemas';
import { daysIn, MAX_REPORT_DAYS } from '../domain/sales-report';
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

const LAST_DAY_EXCLUDED = '9999-12-31';
const day = (description: string) => z.iso.date().check(z.describe(description));
const onlyIfValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;
const count = () => z.number().check(z.int(), z.minimum(0));

/** The days of a sales report: both given, in order, at most a leap year of them. */
export const SalesReportQuerySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    from: day("The first day of the report, a day of the shop's calendar (Paris, the days its invoices bear): `2026-03-01`."),
    // Its end, the next day's start, must be an instant of four-digit years: 9999-12-31 ends in
    // year 10000, which ISO 8601 writes `+010000-…`, sorting before every other instant.
    to: day(`The last day of the report, a day of the shop's calendar (included): on or after \`from\`, at most ${MAX_REPORT_DAYS} days in all, before ${LAST_DAY_EXCLUDED}.`).check(
      z.refine((to) => to < LAST_DAY_EXCLUDED, { message: `must be before ${LAST_DAY_EXCLUDED}`, abort: true }),
    ),
    currency: z.optional(CurrencySchema).check(z.describe("Orders and refunds in this currency only; the shop's currency when not given.")),
  })
  .check(
    // Once both are days: a day refused already is not also said to be out of order.
    z.refine(({ from, to }) => to >= from, { path: ['to'], message: 'must be on or after from', when: onlyIfValid }),
    z.refine(({ from, to }) => daysIn(from, to) <= MAX_REPORT_DAYS, { path: ['to'], message: `must be at most ${MAX_REPORT_DAYS} days from from, both included`, when: onlyIfValid }),
  ));

const ReportCountsSchema = /* @__PURE__ */ deferred(() => ({
  orders: count().check(z.describe('Orders paid that day (in the range, for the totals).')),
  units: count().check(z.describe('Units of those orders, physical and digital.')),
  revenue: MoneySchema,
  refunds: MoneySchema,
}));

/** What the back office's sales report says; what counts is defined in `shared/ordering/domain/sales-report.ts`. */
export const SalesReportSchema = /* @__PURE__ */ deferred(() => z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    currency: CurrencySchema,
    days: z.array(z.object({ date: z.iso.date(), ...ReportCountsSchema })),
    totals: z.object(ReportCountsSchema),
    topProducts: z.array(z.object({ sku: z.string(), name: z.string(), units: count(), revenue: MoneySchema })),
  })
  .check(
    z.meta({
      id: 'SalesReport',
      description:
        "Sales day by day over the shop's calendar (Paris: the days its invoices and credit notes bear), every day of the range listed, " +
        'with zeros when nothing sold. An order counts once, on the day it was paid, ' +
        'whatever became of it since; orders never paid (pending, cancelled unpaid) never count. `revenue` is what was paid for those orders: ' +
        'their totals, tax and delivery included. `units` are their units, physical and digital. `refunds` are the refunds that succeeded that ' +
        'day, whenever their order was paid. `topProducts`: the 10 products with the most units among the orders paid in the range, then the ' +
        'most revenue (what their lines cost the buyers, after discount, tax included, without delivery). Only orders and refunds in `currency`; ' +
        'amounts in integer minor units.',
    }),
  ));
