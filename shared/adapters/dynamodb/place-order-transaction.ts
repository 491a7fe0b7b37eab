import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Cart } from '#domain/cart/cart';
import type { StoredPromotion } from '#domain/cart/ports';
import { ConflictError, type FieldError } from '#domain/errors';
import type { Order } from '#domain/order/order';
import { cartKeys, orderIndexKeys, orderKeys, productKey, promotionKeys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What each item of the transaction stands for, to explain a cancellation by its index. */
export type Role = { kind: 'order' } | { kind: 'cart' } | { kind: 'product'; sku: string; quantity: number } | { kind: 'promotion'; code: string };

/**
 * The checkout transaction, all or nothing:
 * - the order is created (it must not exist);
 * - each physical line takes its units from `available` into `reserved`, on condition that
 *   there are enough and that the price is still the one the cart shows; a digital line
 *   checks the price only. Overselling is impossible, not unlikely;
 * - the cart is closed (it must still be open and unchanged since it was read);
 * - each promotion counts one redemption, if any are left and its terms are unchanged.
 */
export const placeOrderTransaction = (
  table: string,
  order: Order,
  tokenHash: string,
  cart: Cart,
  promotions: readonly StoredPromotion[],
): { items: TransactItem[]; roles: Role[] } => {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  items.push({
    Put: {
      TableName: table,
      Item: { ...order, ...orderKeys(order.id), ...orderIndexKeys(order), tokenHash },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  roles.push({ kind: 'order' });
  for (const line of order.items) {
    const price = { ':amount': line.unitPrice.amount, ':currency': line.unitPrice.currency };
    const names = { '#price': 'price', '#amount': 'amount', '#currency': 'currency' };
    const priceUnchanged = '#price.#amount = :amount AND #price.#currency = :currency';
    const key = productKey(line.sku);
    items.push(
      line.type === 'physical'
        ? {
            Update: {
              TableName: table,
              Key: key,
              UpdateExpression: 'SET available = available - :q, reserved = if_not_exists(reserved, :zero) + :q',
              ConditionExpression: `available >= :q AND ${priceUnchanged}`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':q': line.quantity, ':zero': 0, ...price },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          }
        : {
            ConditionCheck: {
              TableName: table,
              Key: key,
              ConditionExpression: priceUnchanged,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: price,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
    );
    roles.push({ kind: 'product', sku: line.sku, quantity: line.quantity });
  }
  items.push({
    Update: {
      TableName: table,
      Key: cartKeys(cart.id),
      UpdateExpression: 'SET #status = :done, orderId = :orderId',
      ConditionExpression: '#status = :open AND updatedAt = :updatedAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'checked_out', ':open': 'open', ':orderId': order.id, ':updatedAt': cart.updatedAt },
    },
  });
  roles.push({ kind: 'cart' });
  for (const promotion of promotions) {
    items.push({
      Update: {
        TableName: table,
        Key: promotionKeys(promotion.code),
        UpdateExpression: 'ADD redemptions :one',
        ConditionExpression: 'updatedAt = :updatedAt AND (attribute_not_exists(maxRedemptions) OR redemptions < maxRedemptions)',
        ExpressionAttributeValues: { ':one': 1, ':updatedAt': promotion.updatedAt },
      },
    });
    roles.push({ kind: 'promotion', code: promotion.code });
  }
  return { items, roles };
};

/** Turns DynamoDB's cancellation reasons into a ConflictError that names what failed. */
export const explainCancellation = (error: TransactionCanceledException, roles: readonly Role[]): Error => {
  const errors: FieldError[] = [];
  const reasons = error.CancellationReasons ?? [];
  reasons.forEach((reason, i) => {
    const role = roles[i];
    if (!role || reason.Code !== 'ConditionalCheckFailed') return;
    if (role.kind === 'product') {
      const item = reason.Item as { available?: { N?: string }; price?: unknown } | undefined;
      const available = Number(item?.available?.N ?? 0);
      errors.push({
        path: `items.${role.sku}`,
        message: item && available < role.quantity ? `only ${available} unit(s) left` : 'the price or the product changed; read the cart again',
      });
    } else if (role.kind === 'promotion') {
      errors.push({ path: `promotions.${role.code}`, message: 'is used up or its terms changed' });
    } else if (role.kind === 'cart') {
      errors.push({ path: 'cart', message: 'changed during checkout, or is already checked out' });
    } else {
      errors.push({ path: 'order', message: 'already exists' });
    }
  });
  if (errors.length === 0) {
    // TransactionConflict: another transaction touched the same items at this moment.
    return new ConflictError('The checkout collided with another one; retry.', [], { cause: error });
  }
  const skus = errors.filter((e) => e.path.startsWith('items.')).map((e) => e.path.slice(6));
  const detail = skus.length > 0 ? `Not enough stock, or a changed price, for: ${skus.join(', ')}.` : 'The checkout could not be completed.';
  return new ConflictError(detail, errors, { cause: error });
};
