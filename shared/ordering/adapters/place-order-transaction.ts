import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { closeCart, redeemPromotion, type StoredPromotion } from '#cart/index';
import { availableIn, checkPrice, reserveStock, type TransactItem } from '#catalog/index';
import { ConflictError, type FieldError, type RateCharge } from '#kernel/errors';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { chargeInTransaction, heldCounterKey, refusal } from '#runtime/dynamodb/rate-limits';
import type { OutboxEntry } from '#runtime/outbox';
import { unpaidOrderEndsBy, type CheckoutCart } from '../domain/place-order';
import type { Order } from '../domain/order';
import { orderItem, orderNumberKey } from './keys';

/** What each item of the transaction stands for, to explain a cancellation by its index. */
export type Role =
  | { kind: 'order' }
  | { kind: 'number' }
  | { kind: 'cart' }
  | { kind: 'product'; sku: string; quantity: number }
  | { kind: 'fact' }
  | { kind: 'promotion'; code: string }
  | { kind: 'limit'; charge: RateCharge; now: Date; heldUntil: Date };

/**
 * The checkout transaction, all or nothing:
 * - the order is created (it must not exist), with the pointer from its number to it (the number
 *   must not be taken: numbers come from an atomic counter, so only a counter reset or restored
 *   from a backup could repeat one, and then no two orders share it);
 * - each physical line takes its units from `available`, on condition that there are enough
 *   and that the price is still the one the cart shows (they count as reserved while the order
 *   is pending); a digital line checks the price only. Overselling is impossible, not unlikely;
 * - the cart is closed (it must still be open and unchanged since it was read);
 * - each promotion counts one redemption, if any are left and its terms are unchanged;
 * - each of the client's checkout budgets counts one order, if it is not spent: only orders
 *   actually placed count, and the budget costs no request of its own.
 * The order carries no token, not even a hash: order tokens are derived from its id.
 */
export const placeOrderTransaction = (
  table: string,
  order: Order,
  parts: { cart: CheckoutCart; promotions: readonly StoredPromotion[]; charges: readonly RateCharge[]; now: Date; facts: readonly OutboxEntry[] },
): { items: TransactItem[]; roles: Role[] } => {
  const { cart, promotions, charges, now, facts } = parts;
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  items.push({
    Put: {
      TableName: table,
      // The held counters it takes are given back when it is paid or cancelled.
      Item: { ...orderItem(order), holds: charges.filter((c) => c.limit.held).map(heldCounterKey) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  roles.push({ kind: 'order' });
  items.push({ Put: { TableName: table, Item: { ...orderNumberKey(order.number), orderId: order.id }, ConditionExpression: 'attribute_not_exists(PK)' } });
  roles.push({ kind: 'number' });
  for (const line of order.items) {
    items.push(line.type === 'physical' ? reserveStock(table, line.sku, line.quantity, line.unitPrice) : checkPrice(table, line.sku, line.unitPrice));
    roles.push({ kind: 'product', sku: line.sku, quantity: line.quantity });
  }
  items.push(closeCart(table, cart, order.id));
  roles.push({ kind: 'cart' });
  for (const promotion of promotions) {
    items.push(redeemPromotion(table, promotion));
    roles.push({ kind: 'promotion', code: promotion.code });
  }
  for (const charge of charges) {
    items.push(chargeInTransaction(table, charge, now));
    roles.push({ kind: 'limit', charge, now, heldUntil: unpaidOrderEndsBy(order) });
  }
  for (const outbox of putOutboxEntries(table, facts)) {
    items.push(outbox);
    roles.push({ kind: 'fact' });
  }
  return { items, roles };
};

/**
 * Turns DynamoDB's cancellation reasons into the error that explains them: a spent budget is a
 * 429 (TooManyRequestsError, whatever else failed: an abusive client learns nothing of the stock),
 * anything else a ConflictError that names what failed.
 */
export const explainCancellation = (table: string, error: TransactionCanceledException, roles: readonly Role[]): Error => {
  const errors: FieldError[] = [];
  const reasons = error.CancellationReasons ?? [];
  const spent = reasons.findIndex((reason, i) => reason.Code === 'ConditionalCheckFailed' && roles[i]?.kind === 'limit');
  const limit = roles[spent];
  if (limit?.kind === 'limit') return refusal(table, limit.charge, limit.now, error, limit.heldUntil);
  reasons.forEach((reason, i) => {
    const role = roles[i];
    if (!role || reason.Code !== 'ConditionalCheckFailed') return;
    if (role.kind === 'product') {
      const item = reason.Item as Record<string, { N?: string }> | undefined;
      const available = availableIn(item);
      errors.push({
        path: `items.${role.sku}`,
        message: item && available < role.quantity ? `only ${available} unit(s) left` : `its price or the product changed since it was put in the cart; put the line again (PUT /carts/{cartId}/items/${role.sku}) to take it as it is now`,
      });
    } else if (role.kind === 'promotion') {
      errors.push({ path: `promotions.${role.code}`, message: 'is used up or its terms changed' });
    } else if (role.kind === 'cart') {
      errors.push({ path: 'cart', message: 'changed during checkout, or is already checked out' });
    } else if (role.kind === 'order') {
      errors.push({ path: 'order', message: 'already exists' });
    } else if (role.kind === 'number') {
      errors.push({ path: 'order.number', message: 'is already taken by another order' });
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
