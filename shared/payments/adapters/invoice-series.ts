import type { GapFreeSeries } from '#runtime/dynamodb/gap-free-series';
import { formatInvoiceNumber } from '../domain/invoice';

/**
 * The year's invoice series, gap-free as French law requires: a payment takes its next number,
 * and so does an invoice that cancels a credit note issued for nothing (the returns context puts
 * it in its own transaction: this context owns the counter).
 */
export const invoiceSeries = (table: string, year: number): GapFreeSeries => ({
  table,
  key: { PK: `COUNTER#invoice#${year}`, SK: 'COUNTER' },
  format: (sequence) => formatInvoiceNumber(year, sequence),
});
