import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';
import { CurrencySchema, MoneySchema } from '#kernel/schemas';
import { SentAddressSchema } from '#cart/contracts/shapes';
import { SkuSchema } from '#catalog/contracts/sku';
import { CreditedLineSchema } from '#returns/contracts/http';

/** VAT rates on invoices are in percent, as printed: 20, 5.5, 2.1, 0. */
const VatRateSchema = /* @__PURE__ */ deferred(() => z.number().check(z.minimum(0), z.maximum(100)));

export const InvoiceLineSchema = /* @__PURE__ */ deferred(() => z
  .object({
    sku: SkuSchema,
    description: z.string(),
    quantity: z.number().check(z.int()),
    unitPrice: MoneySchema,
    unitPriceExcludingTax: MoneySchema,
    discount: MoneySchema,
    vatRate: VatRateSchema,
    totalExcludingTax: MoneySchema,
    vat: MoneySchema,
    totalIncludingTax: MoneySchema,
  })
  .check(
    z.meta({
      id: 'InvoiceLine',
      description:
        "`unitPrice` is as the shop's prices are (with VAT if `pricesIncludeTax`, else without), before the line's discount. `unitPriceExcludingTax` is without VAT and net of the discount: `totalExcludingTax` ÷ `quantity`, rounded half up to the cent (CGI ann. II art. 242 nonies A).",
    }),
  ));

export const SellerSchema = /* @__PURE__ */ deferred(() => z
  .object({
    name: z.string(),
    legalForm: z.string(),
    address: SentAddressSchema,
    siren: z.string(),
    vatNumber: z.string(),
    shareCapital: MoneySchema,
    rcs: z.string(),
    email: z.string(),
  })
  .check(z.meta({ id: 'InvoiceSeller', description: "The seller's legal identity, as French invoices must state it." })));

const AmountsSchema = /* @__PURE__ */ deferred(() => z.object({ excludingTax: MoneySchema, vat: MoneySchema, includingTax: MoneySchema }));

export const CancellingInvoiceSchema = /* @__PURE__ */ deferred(() => z
  .object({
    number: z.string().check(z.describe('In the invoice series, gap-free per year: F2026-000047.')),
    issuedAt: z.iso.datetime(),
    creditNoteNumber: z.string().check(z.describe('The credit note it cancels (GET /orders/{orderId}/credit-notes).')),
    creditNoteDate: z.iso.datetime(),
    invoiceNumber: z.string().check(z.describe('The invoice that credit note corrected.')),
    invoiceDate: z.iso.datetime(),
    refundId: z.string().check(z.describe('The refund the credit note was issued for, which the bank failed.')),
    currency: CurrencySchema,
    lines: z.array(CreditedLineSchema).check(z.describe("The credit note's lines, as it states them.")),
    shipping: MoneySchema,
    vatByRate: z.array(z.object({ rate: VatRateSchema, base: MoneySchema, vat: MoneySchema })),
    totals: AmountsSchema,
  })
  .check(
    z.meta({
      id: 'CancellingInvoice',
      description:
        "An invoice that cancels a credit note issued for a refund the bank failed afterwards (facture d'annulation de l'avoir): the credit note keeps its number, and this invoice charges back exactly what it credited, line by line and VAT rate by VAT rate; amounts are positive.",
    }),
  ));

export const InvoiceSchema = /* @__PURE__ */ deferred(() => z
  .object({
    invoiceNumber: z.string().check(z.describe('Gap-free per year: F2026-000001.')),
    issuedAt: z.iso.datetime(),
    orderNumber: z.string(),
    seller: SellerSchema,
    buyer: z.object({ email: z.string(), address: z.nullable(SentAddressSchema) }),
    deliveryAddress: z.nullable(SentAddressSchema),
    currency: CurrencySchema,
    lines: z.array(InvoiceLineSchema),
    shipping: MoneySchema,
    discount: MoneySchema,
    vatByRate: z.array(z.object({ rate: VatRateSchema, base: MoneySchema, vat: MoneySchema })),
    totals: AmountsSchema,
    payment: z.object({ method: z.string(), paidAt: z.iso.datetime(), status: z.literal('paid') }),
    legalMentions: z.array(z.string()).check(
      z.describe("The mentions French law requires on the invoice (seller's identity, payment terms, late-payment penalties, the reason for each VAT exemption), in French whatever the customer's locale: French invoicing law is read in French (the PDF's other labels follow the locale)."),
    ),
    cancellingInvoices: z.array(CancellingInvoiceSchema).check(z.describe('Invoices of the same series that cancel credit notes of this order whose refund the bank failed; oldest first, none: empty.')),
  })
  .check(z.meta({ id: 'Invoice', description: "A French invoice: seller, buyer, number, lines, VAT per rate, totals, legal mentions. `shipping` is the delivery with its VAT (its part of each rate is in `vatByRate`), as the lines' `totalIncludingTax` are: lines plus shipping make `totals.includingTax`, whatever the shop's prices." })));

/** Documented only: the webhook verifies the raw bytes and never parses them against this. */
export const StripeEventBodySchema = /* @__PURE__ */ deferred(() => z
  .object({ id: z.string(), type: z.string(), data: z.object({ object: z.unknown() }) })
  .check(z.meta({ id: 'StripeEvent' })));

export const WebhookAckSchema = /* @__PURE__ */ deferred(() => z.object({ received: z.literal(true), ignored: z.optional(z.string()) }).check(z.meta({ id: 'WebhookAck' })));
