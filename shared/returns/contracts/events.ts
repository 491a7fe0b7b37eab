import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { defineEvent, EventMoneySchema } from '#kernel/events';
import { orderSnapshotSchema } from '#ordering/contracts/order-snapshot';

/**
 * The facts of after-sales: returns, refunds, credit notes. Each carries the order (its customer's
 * email and locale included) and what changed, so the emails, an ERP or the accounts never call back.
 */

const returnSnapshotSchema = /* @__PURE__ */ deferred(() => z.object({
  id: z.string(),
  status: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().check(z.int()), reason: z.string() })),
  createdAt: z.string(),
  refundDueBy: z.optional(z.string()),
  rejectionReason: z.optional(z.string()),
  received: z.optional(z.array(z.object({ sku: z.string(), received: z.number().check(z.int()), damaged: z.number().check(z.int()) }))),
}));

const refundSnapshotSchema = /* @__PURE__ */ deferred(() => z.object({
  id: z.string(),
  amount: EventMoneySchema,
  reason: z.string(),
  status: z.string(),
  createdAt: z.string(),
  returnId: z.optional(z.string()),
  stripeRefundId: z.optional(z.string()),
  failureReason: z.optional(z.string()),
  creditNoteNumber: z.optional(z.string()),
  // Added in place (version 1): absent on refunds asked through the API, and on events before it.
  external: z.optional(z.boolean().check(z.describe('True for a refund made in Stripe (its dashboard), outside this API, recorded from what Stripe reported.'))),
}));

/** A line a credit note credits (and an invoice cancelling it charges back). */
const creditedLineSchema = /* @__PURE__ */ deferred(() => z.object({
  sku: z.string().check(z.describe('Empty for a sum credited without goods (goodwill, a correction), whose quantity is 0.')),
  description: z.string(),
  quantity: z.number().check(z.int()),
  // Added in place (version 1), as GET /orders/{orderId}/credit-notes states them (its CreditedLine):
  // events published before have some or none of them.
  unitPrice: z.optional(EventMoneySchema.check(z.describe("The invoice line's: as the shop's prices are (with VAT or without), before the line's discount. 0 without goods."))),
  discount: z.optional(
    EventMoneySchema.check(z.describe("What the line's discount took off the credited units: quantity × unitPrice − discount is the line's total as the shop's prices are. 0 without goods.")),
  ),
  unitPriceExcludingTax: z.optional(EventMoneySchema.check(z.describe('Without VAT, net of the discount: totalExcludingTax ÷ quantity, rounded half up to the cent. 0 without goods.'))),
  vatRate: z.number().check(z.describe('In percent: 20, 5.5.')),
  totalExcludingTax: EventMoneySchema,
  vat: EventMoneySchema,
  totalIncludingTax: EventMoneySchema,
}));

const vatAtRateSchema = /* @__PURE__ */ deferred(() => z.object({ rate: z.number().check(z.describe('In percent: 20, 5.5.')), base: EventMoneySchema, vat: EventMoneySchema }));

const returnFact = <Name extends string>(name: Name, description: string) =>
  defineEvent({ name, source: 'commerce.returns', version: 1, description, schema: () => z.object({ order: orderSnapshotSchema, return: returnSnapshotSchema }) });

export const ReturnRequested = /* @__PURE__ */ (() => returnFact('ReturnRequested', 'A customer asked to return goods of an order; the shop approves or rejects it.'))();
export const ReturnApproved = /* @__PURE__ */ (() => returnFact('ReturnApproved', 'The shop accepted a return: the customer is emailed how to send the goods back.'))();
export const ReturnRejected = /* @__PURE__ */ (() => returnFact('ReturnRejected', 'The shop refused a return, with its reason.'))();
export const ReturnReceived = /* @__PURE__ */ (() => returnFact('ReturnReceived', 'The goods of a return came back: undamaged units are restocked and the received ones refunded.'))();

export const RefundIssued = /* @__PURE__ */ (() => defineEvent({
  name: 'RefundIssued',
  source: 'commerce.returns',
  version: 1,
  description: 'Stripe gave money back to the customer; `refund.creditNoteNumber` names the credit note issued for it (invoiced orders).',
  schema: () => z.object({ order: orderSnapshotSchema, refund: refundSnapshotSchema }),
}))();

export const RefundFailed = /* @__PURE__ */ (() => defineEvent({
  name: 'RefundFailed',
  source: 'commerce.returns',
  version: 1,
  description: 'Stripe could not give the money back (refused, or the bank failed it later): its amount is refundable again.',
  schema: () => z.object({ order: orderSnapshotSchema, refund: refundSnapshotSchema }),
}))();

export const RefundOverdue = /* @__PURE__ */ (() => defineEvent({
  name: 'RefundOverdue',
  source: 'commerce.returns',
  version: 1,
  description:
    'A withdrawal is still not refunded past its deadline (14 days from the notice, Code de la consommation L221-24): penalties grow from now on. Published once per return; the shop is emailed.',
  schema: () => z.object({ order: orderSnapshotSchema, return: returnSnapshotSchema, refundDueBy: z.string() }),
}))();

export const CreditNoteIssued = /* @__PURE__ */ (() => defineEvent({
  name: 'CreditNoteIssued',
  source: 'commerce.returns',
  version: 1,
  description: 'A credit note was issued for a refund of an invoiced order, in its own gap-free series, citing the invoice it corrects: its lines, the delivery credited, VAT per rate and totals.',
  schema: () => z.object({
    orderId: z.string(),
    orderNumber: z.string(),
    creditNote: z.object({
      number: z.string(),
      invoiceNumber: z.string(),
      invoiceDate: z.string(),
      issuedAt: z.string(),
      refundId: z.string(),
      currency: z.string(),
      totals: z.object({ excludingTax: EventMoneySchema, vat: EventMoneySchema, includingTax: EventMoneySchema }),
      // Added in place (version 1): what the note credits, as GET /orders/{orderId}/credit-notes
      // shows it, so that the accounts need not call back. Events published before have none.
      lines: z.optional(z.array(creditedLineSchema)),
      shipping: z.optional(EventMoneySchema.check(z.describe('The delivery cost credited, VAT included.'))),
      vatByRate: z.optional(z.array(vatAtRateSchema)),
    }),
  }),
}))();

export const CreditNoteCancelled = /* @__PURE__ */ (() => defineEvent({
  name: 'CreditNoteCancelled',
  source: 'commerce.returns',
  version: 1,
  description:
    "The bank failed a refund after Stripe reported it succeeded: its credit note, whose number stands, is cancelled by an invoice of the invoice series that cites it (facture d'annulation de l'avoir) and charges back exactly what it credited, line by line and VAT rate by VAT rate. `RefundFailed` is published with it.",
  schema: () => z.object({
    orderId: z.string(),
    orderNumber: z.string(),
    cancellingInvoice: z.object({
      number: z.string().check(z.describe('In the invoice series, gap-free per year: F2026-000047.')),
      issuedAt: z.string(),
      creditNoteNumber: z.string().check(z.describe('The credit note it cancels.')),
      creditNoteDate: z.string(),
      invoiceNumber: z.string().check(z.describe('The invoice that credit note corrected.')),
      invoiceDate: z.string(),
      refundId: z.string(),
      currency: z.string(),
      lines: z.array(creditedLineSchema),
      shipping: EventMoneySchema.check(z.describe('The delivery cost charged back, VAT included.')),
      vatByRate: z.array(vatAtRateSchema),
      totals: z.object({ excludingTax: EventMoneySchema, vat: EventMoneySchema, includingTax: EventMoneySchema }),
    }),
  }),
}))();
