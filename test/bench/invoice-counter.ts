/**
 * Item 6: the yearly invoice counter, one item every payment must win (read it, then a
 * transaction conditioned on its value; the loser reads again). N payments of N pending orders
 * start at once on DynamoDB Local, through the payments worker's own adapter; the bench reports
 * payments per second, the transactions it took, and any payment that gave up.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { newId } from '#kernel/ids';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { recordPaymentSucceeded } from '#payments/app/record-payment';
import { createDocumentClient } from '#runtime/dynamodb/client';
import { createTables } from '#runtime/dynamodb/create-tables';
import { unconfiguredSettings } from '#settings/domain/settings';
import { aPendingOrder, storeOrders } from '../fixtures/orders';
import type { Meter } from './meter';
import { round } from './stats';

export interface InvoiceCounterResult {
  contention: number;
  paid: number;
  gaveUp: number;
  seconds: number;
  paymentsPerSecond: number;
  transactions: number;
  failedTransactions: number;
  notes: string[];
}

export const CEILING_NOTES = [
  'AWS ceiling: the counter is one item, so one partition: at most 1,000 write units per second, and a transactional write of it costs 2, so ≤ 500 invoice numbers per second before throttling, whatever the table mode.',
  'Before that, contention: every payment reads the counter then writes it in a transaction conditioned on the value read; concurrent writers of one item cancel each other (TransactionConflict / ConditionalCheckFailed) and retry with backoff, so throughput is about 1 / (read + transaction round trip): an estimate of 50-100 per second in one region, not measured on AWS.',
  'Past it: one invoice series per channel or per shard (F2026-A-…, F2026-B-…), which French law allows when each series is continuous, multiplies the ceiling by the number of series; or number invoices in batches after payment (the order is paid at once, its number follows).',
  'The ORDER_STATUS#pending_payment partition of the status index (GSI4) takes every unpaid order: one entry put at checkout and deleted when paid, each about 150 bytes (keys and payment deadline), so 2 write units per order and about 500 orders per second per partition before the index throttles (1,000 write units per second). Not sharded: that is some 40 million orders a day. Past it, shard the partition (ORDER_STATUS#pending_payment#0..9, by a hash of the order id) and query the shards together, as the back office already merges the status partitions.',
];

export const measureInvoiceCounter = async (endpoint: string, meter: Meter, contention: number): Promise<InvoiceCounterResult> => {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const suffix = newId().slice(0, 8).toLowerCase();
  const names = { domain: `bench-counter-${suffix}`, idempotency: `bench-counter-idem-${suffix}` };
  await createTables(client, names);
  const db = createDocumentClient(client);
  const orders = Array.from({ length: contention }, (_, i) => aPendingOrder(`order-bench-${String(i).padStart(6, '0')}`));
  await storeOrders(db, names.domain, orders);
  const deps = {
    orderPayments: createOrderPayments(db, names.domain, createOrderRepository(db, names.domain)),
    paymentGateway: { createRefund: () => Promise.reject(new Error('no refund expected')) } as never,
    settings: async () => unconfiguredSettings,
    ids: newId,
    clock: () => new Date('2026-11-24T10:05:00Z'),
  };
  const from = meter.mark().calls;
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    orders.map((o) => recordPaymentSucceeded(deps, { orderId: o.id, paymentIntentId: o.payment.paymentIntentId, amount: o.totals.total }, 'bench')),
  );
  const seconds = (performance.now() - started) / 1000;
  const transactions = meter.calls.slice(from).filter((c) => c.operation === 'TransactWriteItems');
  client.destroy();
  const paid = outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'paid').length;
  return {
    contention,
    paid,
    gaveUp: outcomes.filter((o) => o.status === 'rejected').length,
    seconds: round(seconds, 2),
    paymentsPerSecond: round(paid / seconds, 2),
    transactions: transactions.length,
    failedTransactions: transactions.filter((c) => !c.ok).length,
    notes: CEILING_NOTES,
  };
};
