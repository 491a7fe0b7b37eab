import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commitStock } from '#catalog/index';
import { annotateOrder, awaitingPayment, reservedUnits, transitionOrder, type OrderRepository } from '#ordering/index';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { formatInvoiceNumber } from '../domain/invoice';
import type { OrderPayments } from '../app/ports';

/** The per-year counter of invoice numbers: gap-free, as French law requires. */
const invoiceCounterKey = (year: number) => ({ PK: `COUNTER#invoice#${year}`, SK: 'COUNTER' });

/** Attempts at the invoice counter before giving up (the queue retries the message after). */
const MAX_ATTEMPTS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const guarded = async (run: () => Promise<unknown>): Promise<boolean> => {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** The payments worker's writes on orders; reads go through ordering's repository. */
export const createOrderPayments = (db: DocumentClient, tableName: string, orders: Pick<OrderRepository, 'get'>): OrderPayments => {
  const annotate = (orderId: string, guard: Parameters<typeof annotateOrder>[2], fields: Record<string, unknown>) =>
    guarded(() => db.send(new UpdateCommand(annotateOrder(tableName, orderId, guard, fields).Update)));

  return {
    async markPaidIfAmountMatches({ orderId, amount }, paidAt) {
      const year = paidAt.getUTCFullYear();
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const order = (await orders.get(orderId))?.order;
        if (!order) return { outcome: 'unknown_order' };
        if (order.status !== 'pending_payment') return { outcome: 'not_pending', order };
        const total = order.totals.total;
        if (total.amount !== amount.amount || total.currency !== amount.currency) return { outcome: 'amount_mismatch', expected: total };
        const { Item: counter } = await db.send(new GetCommand({ TableName: tableName, Key: invoiceCounterKey(year), ConsistentRead: true }));
        const last = Number(counter?.value ?? 0);
        const invoiceNumber = formatInvoiceNumber(year, last + 1);
        const at = paidAt.toISOString();
        try {
          // Gap-free numbering: the counter only moves from the value we read, in the same
          // transaction that marks the order paid. Two payments racing: one wins, the other
          // reads again and takes the next number. No number is ever taken and then lost.
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: invoiceCounterKey(year),
                    UpdateExpression: 'SET #value = :next',
                    ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
                    ExpressionAttributeNames: { '#value': 'value' },
                    ExpressionAttributeValues: { ':next': last + 1, ...(last !== 0 && { ':last': last }) },
                  },
                },
                transitionOrder(tableName, orderId, { from: ['pending_payment'], to: 'paid', at }, { invoiceNumber, paidAt: at, 'payment.status': 'succeeded' }),
                ...reservedUnits(order).map(({ sku, quantity }) => commitStock(tableName, sku, quantity)),
              ],
            }),
          );
          return {
            outcome: 'paid',
            order: { ...order, status: 'paid', invoiceNumber, paidAt: at, updatedAt: at, payment: { ...order.payment, status: 'succeeded' } },
          };
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          // Someone else took this invoice number, or the order moved on: read again.
          await sleep(Math.random() * Math.min(200, 10 * 2 ** attempt));
        }
      }
      throw new Error(`Could not take an invoice number for order ${orderId} after ${MAX_ATTEMPTS} attempts.`);
    },

    setPaymentStatus: (orderId, status, now) => annotate(orderId, { statuses: awaitingPayment, at: now.toISOString() }, { 'payment.status': status }),

    flagForReview: (orderId, received, now) =>
      annotate(orderId, { statuses: awaitingPayment, once: 'review', at: now.toISOString() }, { review: { reason: 'amount_mismatch', received, at: now.toISOString() } }),

    recordLateRefund: (orderId, refundId, now) =>
      annotate(orderId, { statuses: ['cancelled'], once: 'lateRefund', at: now.toISOString() }, { lateRefund: { refundId, at: now.toISOString() } }),
  };
};
