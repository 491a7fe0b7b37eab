import * as z from 'zod';
import { CurrencySchema, MoneySchema } from '#kernel/schemas';
import { AddressSchema } from '#cart/contracts/shapes';
import { SkuSchema } from '#catalog/contracts/sku';

/** VAT rates on invoices are in percent, as printed: 20, 5.5, 2.1, 0. */
const VatRateSchema = z.number().min(0).max(100);

export const InvoiceLineSchema = z
  .object({
    sku: SkuSchema,
    description: z.string(),
    quantity: z.number().int(),
    unitPrice: MoneySchema,
    discount: MoneySchema,
    vatRate: VatRateSchema,
    totalExcludingTax: MoneySchema,
    vat: MoneySchema,
    totalIncludingTax: MoneySchema,
  })
  .meta({ id: 'InvoiceLine' });

export const SellerSchema = z
  .object({
    name: z.string(),
    legalForm: z.string(),
    address: AddressSchema,
    siren: z.string(),
    vatNumber: z.string(),
    shareCapital: MoneySchema,
    rcs: z.string(),
    email: z.string(),
  })
  .meta({ id: 'InvoiceSeller', description: "The seller's legal identity, as French invoices must state it." });

export const InvoiceSchema = z
  .object({
    invoiceNumber: z.string().describe('Gap-free per year: F2026-000001.'),
    issuedAt: z.iso.datetime(),
    orderNumber: z.string(),
    seller: SellerSchema,
    buyer: z.object({ email: z.string(), address: AddressSchema.nullable() }),
    deliveryAddress: AddressSchema.nullable(),
    currency: CurrencySchema,
    lines: z.array(InvoiceLineSchema),
    shipping: MoneySchema,
    discount: MoneySchema,
    vatByRate: z.array(z.object({ rate: VatRateSchema, base: MoneySchema, vat: MoneySchema })),
    totals: z.object({ excludingTax: MoneySchema, vat: MoneySchema, includingTax: MoneySchema }),
    payment: z.object({ method: z.string(), paidAt: z.iso.datetime(), status: z.literal('paid') }),
    legalMentions: z.array(z.string()),
  })
  .meta({ id: 'Invoice', description: 'A French invoice: seller, buyer, number, lines, VAT per rate, totals, legal mentions.' });

/** Documented only: the webhook verifies the raw bytes and never parses them against this. */
export const StripeEventBodySchema = z.object({ id: z.string(), type: z.string(), data: z.object({ object: z.unknown() }) }).meta({ id: 'StripeEvent' });

export const WebhookAckSchema = z.object({ received: z.literal(true), ignored: z.string().optional() }).meta({ id: 'WebhookAck' });
