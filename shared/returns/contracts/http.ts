import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { SkuSchema } from '#catalog/contracts/sku';
import { MoneySchema } from '#kernel/schemas';
import { humanText } from '#kernel/text';
import { ReturnReasonSchema } from '#ordering/contracts/http';

const IdSchema = /* @__PURE__ */ deferred(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'is not an id')));

export const ReturnIdParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({ returnId: IdSchema }));

export const CreateReturnBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          sku: SkuSchema,
          quantity: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
          reason: ReturnReasonSchema,
        }),
      )
      .check(z.minLength(1), z.maxLength(100)),
  })
  .check(z.meta({ id: 'CreateReturnBody', examples: [{ items: [{ sku: 'MUG-ENAMEL-BLUE', quantity: 1, reason: 'withdrawal' }] }] })));

// Emailed to the customer: a few lines of explanation may be what it takes.
export const RejectReturnBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({ reason: humanText({ maxLength: 500, multiline: true }) })
  .check(z.meta({ id: 'RejectReturnBody' })));

export const ReceiveReturnBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          sku: SkuSchema,
          received: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
          damaged: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
        }),
      )
      .check(z.minLength(1), z.maxLength(100)),
  })
  .check(
    z.meta({
      id: 'ReceiveReturnBody',
      description: 'Per product, the units that came back and, of those, the damaged ones (not restocked). The received units are refunded.',
      examples: [{ items: [{ sku: 'MUG-ENAMEL-BLUE', received: 2, damaged: 1 }] }],
    }),
  ));

export const RefundBodySchema = /* @__PURE__ */ deferred(() => z
  .strictObject({
    amount: z.optional(MoneySchema).check(z.describe('Without an amount: what is left to refund.')),
    reason: humanText({ maxLength: 500 }),
  })
  .check(z.meta({ id: 'RefundBody', examples: [{ amount: { amount: 500, currency: 'EUR' }, reason: 'Geste commercial : livraison en retard' }] })));

const AmountsSchema = /* @__PURE__ */ deferred(() => z.object({ excludingTax: MoneySchema, vat: MoneySchema, includingTax: MoneySchema }));

/** A line of a credit note, and of an invoice cancelling one (payments' CancellingInvoice), which restates it. */
export const CreditedLineSchema = /* @__PURE__ */ deferred(() => z
  .object({
    sku: z.string().check(z.describe('Empty for a sum credited without goods (goodwill, a correction), whose quantity is 0.')),
    description: z.string(),
    quantity: z.number().check(z.int(), z.describe('0 for a sum credited without goods (goodwill, a correction).')),
    unitPrice: MoneySchema,
    discount: MoneySchema,
    unitPriceExcludingTax: MoneySchema,
    vatRate: z.number().check(z.minimum(0), z.maximum(100), z.describe('In percent: 20, 5.5.')),
    totalExcludingTax: MoneySchema,
    vat: MoneySchema,
    totalIncludingTax: MoneySchema,
  })
  .check(
    z.meta({
      id: 'CreditedLine',
      description:
        "Shaped as an invoice line (InvoiceLine), and meaning the same for the units credited. `unitPrice` is the invoice line's: as the shop's prices are (with VAT if `pricesIncludeTax`, else without), before the line's discount. `discount` is what that discount took off the credited units: `quantity` × `unitPrice` − `discount` is `totalIncludingTax` (prices with VAT) or `totalExcludingTax` (prices without), to the cent; never below 0 (prices without VAT: units refunded apart may have a `totalExcludingTax`, their amount with VAT less their VAT, each rounded, a cent above their price, and then no discount). `unitPriceExcludingTax` is without VAT and net of the discount: `totalExcludingTax` ÷ `quantity`, rounded half up to the cent (CGI ann. II art. 242 nonies A). A sum credited without goods (goodwill, a correction) has an empty `sku`, `quantity` 0, and `unitPrice`, `discount` and `unitPriceExcludingTax` of 0 in the note's currency: its amount is its totals.",
    }),
  ));

export const CreditNoteSchema = /* @__PURE__ */ deferred(() => z
  .object({
    number: z.string().check(z.describe('Its own gap-free series per year, e.g. A2026-000001.')),
    invoiceNumber: z.string(),
    invoiceDate: z.iso.datetime(),
    issuedAt: z.iso.datetime(),
    refundId: z.string(),
    currency: z.string(),
    lines: z.array(CreditedLineSchema),
    shipping: MoneySchema,
    vatByRate: z.array(z.object({ rate: z.number(), base: MoneySchema, vat: MoneySchema })),
    totals: AmountsSchema,
    cancelledBy: z.optional(z.string()).check(
      z.describe("The invoice that cancelled this credit note (e.g. F2026-000047, in the invoice's `cancellingInvoices`): its refund was failed by the bank afterwards. The note keeps its number."),
    ),
  })
  .check(z.meta({ id: 'CreditNote', description: 'A credit note (facture d’avoir): what a refund credited, citing the invoice it corrects; amounts are positive.' })));

export const CreditNoteListSchema = /* @__PURE__ */ deferred(() => z.object({ items: z.array(CreditNoteSchema) }).check(z.meta({ id: 'CreditNoteList' })));

export const CreditNoteFileParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({
  orderId: IdSchema,
  file: z.string().check(z.regex(/^A\d{4}-\d{6}\.pdf$/, 'is a credit-note number followed by .pdf, e.g. A2026-000001.pdf')),
}));

/** The same path as the contract writes it, `/credit-notes/{number}.pdf`: what the OpenAPI document shows. */
export const CreditNoteNumberParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({
  orderId: IdSchema,
  number: z.string().check(z.regex(/^A\d{4}-\d{6}$/, 'is a credit-note number, e.g. A2026-000001'), z.describe('The credit note\'s number, e.g. A2026-000001.')),
}));
