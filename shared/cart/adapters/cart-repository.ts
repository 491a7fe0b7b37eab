import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAtOf, type Cart } from '../domain/cart';
import type { CartRepository } from '../app/ports';
import { ConflictError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { cartKeys } from './keys';

type CartItem = Cart & { tokenHash: string; expiresAt: number; PK: string; SK: string };

const toCart = ({ PK: _pk, SK: _sk, tokenHash: _t, expiresAt: _e, ...cart }: CartItem): Cart => cart;

export const createCartRepository = (db: DocumentClient, tableName: string, now: () => Date): CartRepository => ({
  async get(cartId) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: cartKeys(cartId), ConsistentRead: true }));
    const item = Item as CartItem | undefined;
    // TTL deletes late (days in AWS, never in DynamoDB Local): past its expiry, a cart is gone.
    if (!item || item.expiresAt * 1000 <= now().getTime()) return undefined;
    return { cart: toCart(item), tokenHash: item.tokenHash };
  },

  async create(cart, tokenHash) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...cart, ...cartKeys(cart.id), tokenHash, expiresAt: expiresAtOf(now()) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  },

  /**
   * Writes what a customer can change, only if nobody else changed the cart since it was read
   * (optimistic lock on `updatedAt`) and it is still open. Touching the cart pushes its expiry.
   */
  async save(cart, previousUpdatedAt) {
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: cartKeys(cart.id),
          UpdateExpression:
            'SET #lines = :lines, customer = :customer, promotions = :promotions, updatedAt = :updatedAt, expiresAt = :expiresAt' +
            (cart.customerId ? ', customerId = :customerId' : ''),
          ConditionExpression: '#status = :open AND updatedAt = :previous',
          ExpressionAttributeNames: { '#status': 'status', '#lines': 'lines' },
          ExpressionAttributeValues: {
            ':lines': cart.lines,
            ':customer': cart.customer,
            ':promotions': cart.promotions,
            ':updatedAt': cart.updatedAt,
            ':expiresAt': expiresAtOf(now()),
            ':open': 'open',
            ':previous': previousUpdatedAt,
            ...(cart.customerId && { ':customerId': cart.customerId }),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError('The cart changed at the same time, or was checked out: read it again and retry.', [], { cause: error });
      }
      throw error;
    }
  },
});
