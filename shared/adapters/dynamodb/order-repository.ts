import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#domain/errors';
import { reservedUnits } from '#domain/order/order';
import type { OrderRepository } from '#domain/order/ports';
import type { DocumentClient } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { counterKeys, orderFromItem, orderIndexKeys, orderKeys, productKey } from './keys';
import { placeOrderTransaction, explainCancellation } from './place-order-transaction';

export const createOrderRepository = (db: DocumentClient, tableName: string): OrderRepository => ({
  async get(orderId) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: orderKeys(orderId), ConsistentRead: true }));
    return Item ? { order: orderFromItem(Item), tokenHash: String(Item.tokenHash) } : undefined;
  },

  async listByCustomer(customerId, { cursor, limit }) {
    const { Items = [], LastEvaluatedKey } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}` },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, ['PK', 'SK', 'GSI1PK', 'GSI1SK']),
      }),
    );
    return { items: Items.map(orderFromItem), nextCursor: encodeCursor(LastEvaluatedKey) };
  },

  async nextSequence(name, year) {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKeys(name, year),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.value);
  },

  async place(order, tokenHash, cart, promotions) {
    const transaction = placeOrderTransaction(tableName, order, tokenHash, cart, promotions);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw explainCancellation(error, transaction.roles);
      throw error;
    }
  },

  async listUnpaidDue(due, limit) {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        FilterExpression: 'paymentDueAt <= :due',
        ExpressionAttributeValues: { ':pk': 'ORDER_STATUS#pending_payment', ':due': due.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map(orderFromItem);
  },

  async cancelUnpaid(order, reason, now) {
    const cancelled = { ...order, status: 'cancelled' as const, updatedAt: now.toISOString() };
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: orderKeys(order.id),
                UpdateExpression:
                  'SET #status = :cancelled, cancelledAt = :now, cancellationReason = :reason, updatedAt = :now, GSI2PK = :gsi2pk',
                // Only an order still waiting for its money is cancelled: a payment that landed
                // a moment ago wins.
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':cancelled': 'cancelled',
                  ':pending': 'pending_payment',
                  ':now': now.toISOString(),
                  ':reason': reason,
                  ':gsi2pk': orderIndexKeys(cancelled).GSI2PK,
                },
              },
            },
            ...reservedUnits(order).map(({ sku, quantity }) => ({
              Update: {
                TableName: tableName,
                Key: productKey(sku),
                UpdateExpression: 'SET available = available + :q, reserved = reserved - :q',
                ExpressionAttributeValues: { ':q': quantity },
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        return false;
      }
      if (error instanceof TransactionCanceledException) {
        throw new ConflictError('The order changed while it was being cancelled; try again.', [], { cause: error });
      }
      throw error;
    }
  },
});
