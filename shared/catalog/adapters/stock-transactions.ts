import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Money } from '#kernel/money';
import { productKey } from './keys';

/**
 * The catalog's part of transactions that other contexts run (checkout, expiry, cancellation,
 * returns): each builder returns one TransactItem on a product, so no other context knows a
 * product's key or its stock attributes. A product stores one count, `available` (can be sold):
 * checkout takes from it, cancelling an unpaid order gives back to it, and a payment does not
 * touch the product at all. The units `reserved` (held by unpaid orders) are not stored: they are
 * the lines of the orders still `pending_payment` (ordering's `createStockReservations`), since
 * stock is taken at checkout and given back in the transaction that cancels an unpaid order.
 * Why: every write of a product is billed again for its two index copies (the catalog, GSI1; its
 * category, GSI2, both projecting the whole item); committing `reserved` at payment cost each
 * physical line 4 write units there.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const names = { '#price': 'price', '#amount': 'amount', '#currency': 'currency' };
const priceUnchanged = '#price.#amount = :amount AND #price.#currency = :currency';
const priceValues = (price: Money) => ({ ':amount': price.amount, ':currency': price.currency });

/**
 * Takes `quantity` units from `available` for an order, if there are enough and the price is still
 * `price`. The `reserved` attribute that products once kept is removed on the way (nothing reads
 * it any more): it disappears as products sell, without a migration.
 */
export const reserveStock = (table: string, sku: string, quantity: number, price: Money): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET available = available - :q REMOVE reserved',
    ConditionExpression: `available >= :q AND ${priceUnchanged}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ':q': quantity, ...priceValues(price) },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/** Checks that a product (digital: no stock) still sells at `price`. */
export const checkPrice = (table: string, sku: string, price: Money): TransactItem => ({
  ConditionCheck: {
    TableName: table,
    Key: productKey(sku),
    ConditionExpression: priceUnchanged,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: priceValues(price),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/**
 * Gives the units an unpaid order held back to `available` (the order cancelled, in the same
 * transaction: from then on it no longer counts as holding them). Removes the legacy `reserved`.
 */
export const releaseStock = (table: string, sku: string, quantity: number): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET available = available + :q REMOVE reserved',
    ExpressionAttributeValues: { ':q': quantity },
  },
});

/** What a failed reservation's old item says: the units that were left. */
export const availableIn = (item: Record<string, { N?: string }> | undefined): number => Number(item?.available?.N ?? 0);

/** Units that came back sellable (a return received undamaged, a paid order cancelled): back to `available`. */
export const restockUnits = (table: string, sku: string, quantity: number): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET available = if_not_exists(available, :zero) + :q',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':q': quantity, ':zero': 0 },
  },
});
