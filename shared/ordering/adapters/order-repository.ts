import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { releaseStock } from '#catalog/index';
import { ConflictError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { decodeCursor, encodeCursor } from '#runtime/dynamodb/cursor';
import type { OrderRepository } from '../app/ports';
import { reservedUnits } from '../domain/order';
import { customerOrdersPartition, orderCounterKey, orderFromItem, orderKeys, orderStatusPartition } from './keys';
import { transitionOrder } from './order-transactions';
import { explainCancellation, placeOrderTransaction } from './place-order-transaction';

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
        ExpressionAttributeValues: { ':pk': customerOrdersPartition(customerId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, ['PK', 'SK', 'GSI1PK', 'GSI1SK']),
      }),
    );
    return { items: Items.map(orderFromItem), nextCursor: encodeCursor(LastEvaluatedKey) };
  },

  async nextOrderNumber(year) {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderCounterKey(year),
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
        ExpressionAttributeValues: { ':pk': orderStatusPartition('pending_payment'), ':due': due.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map(orderFromItem);
  },

  async listPendingCreatedBefore(createdBefore, limit) {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :before',
        ExpressionAttributeValues: { ':pk': orderStatusPartition('pending_payment'), ':before': createdBefore.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map(orderFromItem);
  },

  async cancelUnpaid(order, reason, now) {
    const at = now.toISOString();
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            // Only an order still waiting for its money is cancelled: a payment that landed a
            // moment ago wins.
            transitionOrder(tableName, order.id, { from: ['pending_payment'], to: 'cancelled', at }, { cancelledAt: at, cancellationReason: reason }),
            ...reservedUnits(order).map(({ sku, quantity }) => releaseStock(tableName, sku, quantity)),
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
