import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Cart, StoredPromotion } from '../domain/cart';
import { cartKeys, promotionKeys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The cart context's part of the checkout transaction, built here so ordering never knows a
 * cart's or a promotion's key.
 */

/** Closes the cart for good, if it is still open and unchanged since it was read. */
export const closeCart = (table: string, cart: Pick<Cart, 'id' | 'updatedAt'>, orderId: string): TransactItem => ({
  Update: {
    TableName: table,
    Key: cartKeys(cart.id),
    UpdateExpression: 'SET #status = :done, orderId = :orderId',
    ConditionExpression: '#status = :open AND updatedAt = :updatedAt',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':done': 'checked_out', ':open': 'open', ':orderId': orderId, ':updatedAt': cart.updatedAt },
  },
});

/** Counts one redemption, if any are left and the terms are those the cart holds. */
/**
 * Gives back the redemption an order took, in the transaction that cancels it unpaid (expired,
 * or cancelled by the shop): a code limited to N uses is not used up by orders nobody paid.
 * Promotions are never deleted, so the item is there; the condition keeps an ADD from creating
 * one if it ever were not.
 */
export const returnRedemption = (table: string, code: string): TransactItem => ({
  Update: {
    TableName: table,
    Key: promotionKeys(code),
    UpdateExpression: 'ADD redemptions :minusOne',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':minusOne': -1 },
  },
});

export const redeemPromotion = (table: string, promotion: Pick<StoredPromotion, 'code' | 'updatedAt'>): TransactItem => ({
  Update: {
    TableName: table,
    Key: promotionKeys(promotion.code),
    UpdateExpression: 'ADD redemptions :one',
    ConditionExpression: 'updatedAt = :updatedAt AND (attribute_not_exists(maxRedemptions) OR redemptions < maxRedemptions)',
    ExpressionAttributeValues: { ':one': 1, ':updatedAt': promotion.updatedAt },
  },
});
