import * as z from 'zod';

export const InvoiceSchema = z.record(z.string(), z.unknown()).meta({ id: 'Invoice', description: 'A French invoice: seller, buyer, number, lines, VAT per rate, totals, legal mentions.' });

/** Documented only: the webhook verifies the raw bytes and never parses them against this. */
export const StripeEventBodySchema = z.object({ id: z.string(), type: z.string(), data: z.object({ object: z.unknown() }) }).meta({ id: 'StripeEvent' });

export const WebhookAckSchema = z.object({ received: z.literal(true), ignored: z.string().optional() }).meta({ id: 'WebhookAck' });
