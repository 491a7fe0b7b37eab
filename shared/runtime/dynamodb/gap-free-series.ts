import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A gap-free series of document numbers (invoices, credit notes), one counter item per series and
 * year. French law wants the numbers continuous and chronological (CGI art. 242 nonies A): no
 * number lost, and a later number never dated before an earlier one.
 */
export interface GapFreeSeries {
  table: string;
  /** The counter item's key: the owning context's adapter knows it. */
  key: Record<string, string>;
  /** The document number of a position in the series: "F2026-000001". */
  format: (sequence: number) => string;
}

/** The counter as read: its last number, and when that number's document was issued (none before this was kept). */
export type SeriesCounter = Record<string, unknown> | undefined;

/** The next number of a series, the time its document bears, and the write that takes it. */
export interface NextInSeries {
  number: string;
  issuedAt: Date;
  /** Put in the transaction that issues the document: it holds only if no one took a number since the read. */
  take: TransactItem;
}

/** The counter item, read consistently (the last write wins every race it is in). */
export const readSeriesCounter = async (db: DocumentClient, series: GapFreeSeries): Promise<SeriesCounter> =>
  (await db.send(new GetCommand({ TableName: series.table, Key: series.key, ConsistentRead: true }))).Item;

/**
 * The number after the counter as read, dated `now`, or the last document's time if that is
 * later: `now` may have been read before a concurrent issuer took the number before ours (or
 * before a pause after a lost race), and a number must never carry a time earlier than the one
 * before it. The counter moves, with that time, only from the value read: whoever took a number
 * in between makes the whole transaction fail, and the caller reads again.
 */
export const nextInSeries = (series: GapFreeSeries, counter: SeriesCounter, now: Date): NextInSeries => {
  const last = Number(counter?.value ?? 0);
  const lastIssuedAt = typeof counter?.lastIssuedAt === 'string' ? new Date(counter.lastIssuedAt) : undefined;
  const issuedAt = lastIssuedAt && lastIssuedAt > now ? lastIssuedAt : now;
  return {
    number: series.format(last + 1),
    issuedAt,
    take: {
      Update: {
        TableName: series.table,
        Key: series.key,
        UpdateExpression: 'SET #value = :next, lastIssuedAt = :at',
        ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':next': last + 1, ':at': issuedAt.toISOString(), ...(last !== 0 && { ':last': last }) },
      },
    },
  };
};
