import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { OrderLookup } from '../app/ports';
import { orderFromItem, orderKeys } from './keys';

/**
 * An order read by its id, and nothing else: apart from the repository, so that a function that
 * only reads orders does not load what places and cancels them (checkout's transaction, the stock
 * and rate-limit items it writes).
 */
export const createOrderLookup = (db: DocumentClient, tableName: string): OrderLookup => ({
  async get(orderId) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: orderKeys(orderId), ConsistentRead: true }));
    return Item ? { order: orderFromItem(Item), tokenHash: String(Item.tokenHash) } : undefined;
  },
});
