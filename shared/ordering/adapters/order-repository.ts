import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { returnRedemption } from '#cart/index';
import { releaseStock } from '#catalog/index';
import { ConflictError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { releaseHeld } from '#runtime/dynamodb/rate-limits';
import { onePage, pageLimit, type CursorCodec, type Listing } from '#runtime/dynamodb/cursor';
import type { OrderRepository } from '../app/ports';
import { cancelledUnpaid, reservedUnits } from '../domain/order';
import { customerOrdersPartition, orderCounterKey, orderFromItem } from './keys';
import { createOrderLookup } from './order-lookup';
import { transitionOrder } from './order-transactions';
import { firstPendingEntries } from './pending-orders';
import { readOrders } from './read-orders';
import { explainCancellation, placeOrderTransaction } from './place-order-transaction';

/** A customer's orders on GSI1, newest first: what `/me/orders` pages through. */
const customerOrders = (customerId: string): Listing => ({
  index: 'GSI1',
  partition: customerOrdersPartition(customerId),
  keys: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
});

/**
 * Orders in the domain table. `cursors` (made with the server's signing key) is needed only by
 * `listByCustomer`: the workers that never page through orders have no signing key to give.
 */
export const createOrderRepository = (db: DocumentClient, tableName: string, cursors?: CursorCodec): OrderRepository => {
  return {
    ...createOrderLookup(db, tableName),

    async listByCustomer(customerId, { cursor, limit }) {
      if (!cursors) throw new Error('This order repository was made without a cursor codec: it cannot list.');
      const listing = customerOrders(customerId);
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: listing.index,
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': listing.partition },
          ScanIndexForward: false,
          Limit: pageLimit(limit),
          // Bound to this customer: another customer's cursor is refused, never followed.
          ExclusiveStartKey: await cursors.decode(listing, cursor),
        }),
      );
      const page = onePage(listing, Items, limit, LastEvaluatedKey);
      return { items: page.items.map(orderFromItem), nextCursor: await cursors.encode(listing, page.lastKey) };
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

    async place(order, parts) {
      const transaction = placeOrderTransaction(tableName, order, parts);
      try {
        await db.send(new TransactWriteCommand({ TransactItems: transaction.items }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) throw explainCancellation(tableName, error, transaction.roles);
        throw error;
      }
    },

    async listUnpaidDue(due, limit) {
      // The payment deadline is projected into GSI4 for this filter (and is in GSI2's whole copies).
      const entries = await firstPendingEntries(db, tableName, () => ({
        FilterExpression: 'paymentDueAt <= :due',
        ExpressionAttributeValues: { ':due': due.toISOString() },
        Limit: limit,
      }));
      return readOrders(db, tableName, entries.slice(0, limit));
    },

    async listPendingCreatedBefore(createdBefore, limit) {
      const entries = await firstPendingEntries(db, tableName, (index) => ({
        KeyConditionExpression: `${index}SK <= :before`,
        ExpressionAttributeValues: { ':before': createdBefore.toISOString() },
        Limit: limit,
      }));
      return readOrders(db, tableName, entries.slice(0, limit));
    },

    async cancelUnpaid(order, reason, now, facts = []) {
      const { cancelledAt, cancellationReason, payment } = cancelledUnpaid(order, reason, now);
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              // Only an order still waiting for its money is cancelled: a payment that landed a
              // moment ago wins. Its PaymentIntent was cancelled first: it shows canceled already.
              transitionOrder(tableName, order, { from: ['pending_payment'], to: 'cancelled', at: now.toISOString() }, { cancelledAt, cancellationReason, 'payment.status': payment.status }),
              ...reservedUnits(order).map(({ sku, quantity }) => releaseStock(tableName, sku, quantity)),
              ...(order.holds ?? []).map((key) => releaseHeld(tableName, key)),
              ...order.promotions.map((code) => returnRedemption(tableName, code)),
              ...putOutboxEntries(tableName, facts),
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
  };
};
