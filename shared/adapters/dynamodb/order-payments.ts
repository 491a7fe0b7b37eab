import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { formatInvoiceNumber, reservedUnits } from '#domain/order/order';
import type { OrderPayments } from '#domain/order/payment-ports';
import type { DocumentClient } from './client';
import { counterKeys, orderFromItem, orderKeys, productKey } from './keys';

const INVOICE = 'invoice';
/** Attempts at the invoice counter before giving up (the queue retries the message after). */
const MAX_ATTEMPTS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const guardedUpdate = async (run: () => Promise<unknown>): Promise<boolean> => {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const createOrderPayments = (db: DocumentClient, tableName: string): OrderPayments => {
  const read = async (orderId: string) => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: orderKeys(orderId), ConsistentRead: true }));
    return Item ? orderFromItem(Item) : undefined;
  };

  return {
    async markPaidIfAmountMatches({ orderId, amount }, paidAt) {
      const year = paidAt.getUTCFullYear();
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const order = await read(orderId);
        if (!order) return { outcome: 'unknown_order' };
        if (order.status !== 'pending_payment') return { outcome: 'not_pending', order };
        const total = order.totals.total;
        if (total.amount !== amount.amount || total.currency !== amount.currency) return { outcome: 'amount_mismatch', expected: total };
        const { Item: counter } = await db.send(
          new GetCommand({ TableName: tableName, Key: counterKeys(INVOICE, year), ConsistentRead: true }),
        );
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
                    Key: counterKeys(INVOICE, year),
                    UpdateExpression: 'SET #value = :next',
                    ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
                    ExpressionAttributeNames: { '#value': 'value' },
                    ExpressionAttributeValues: { ':next': last + 1, ...(last !== 0 && { ':last': last }) },
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: orderKeys(orderId),
                    UpdateExpression:
                      'SET #status = :paid, invoiceNumber = :invoice, paidAt = :at, updatedAt = :at, #payment.#pstatus = :succeeded, GSI2PK = :gsi2',
                    ConditionExpression: '#status = :pending',
                    ExpressionAttributeNames: { '#status': 'status', '#payment': 'payment', '#pstatus': 'status' },
                    ExpressionAttributeValues: {
                      ':paid': 'paid',
                      ':pending': 'pending_payment',
                      ':invoice': invoiceNumber,
                      ':at': at,
                      ':succeeded': 'succeeded',
                      ':gsi2': 'ORDER_STATUS#paid',
                    },
                  },
                },
                // The reserved units are sold now: they leave `reserved` for good.
                ...reservedUnits(order).map(({ sku, quantity }) => ({
                  Update: {
                    TableName: tableName,
                    Key: productKey(sku),
                    UpdateExpression: 'SET reserved = reserved - :q',
                    ExpressionAttributeValues: { ':q': quantity },
                  },
                })),
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

    setPaymentStatus: (orderId, status, now) =>
      guardedUpdate(() =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKeys(orderId),
            UpdateExpression: 'SET #payment.#pstatus = :status, updatedAt = :now',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status', '#payment': 'payment', '#pstatus': 'status' },
            ExpressionAttributeValues: { ':status': status, ':pending': 'pending_payment', ':now': now.toISOString() },
          }),
        ),
      ),

    flagForReview: (orderId, received, now) =>
      guardedUpdate(() =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKeys(orderId),
            UpdateExpression: 'SET review = :review, updatedAt = :now',
            ConditionExpression: '#status = :pending AND attribute_not_exists(review)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':review': { reason: 'amount_mismatch', received, at: now.toISOString() },
              ':pending': 'pending_payment',
              ':now': now.toISOString(),
            },
          }),
        ),
      ),

    recordLateRefund: (orderId, refundId, now) =>
      guardedUpdate(() =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKeys(orderId),
            UpdateExpression: 'SET lateRefund = :refund, updatedAt = :now',
            ConditionExpression: '#status = :cancelled AND attribute_not_exists(lateRefund)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':refund': { refundId, at: now.toISOString() },
              ':cancelled': 'cancelled',
              ':now': now.toISOString(),
            },
          }),
        ),
      ),

    async listPendingCreatedBefore(createdBefore, limit) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :before',
          ExpressionAttributeValues: { ':pk': 'ORDER_STATUS#pending_payment', ':before': createdBefore.toISOString() },
          Limit: limit,
        }),
      );
      return Items.map(orderFromItem);
    },
  };
};
