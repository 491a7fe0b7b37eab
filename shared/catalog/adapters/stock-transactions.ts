import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Money } from '#kernel/money';
import { productKey } from './keys';

/**
 * The catalog's part of transactions that other contexts run (checkout, payment, expiry): each
 * builder returns one TransactItem on a product, so no other context knows a product's key or
 * its stock attributes. Stock moves between `available` (can be sold) and `reserved` (taken by
 * an unpaid order) and leaves `reserved` for good when the order is paid.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const names = { '#price': 'price', '#amount': 'amount', '#currency': 'currency' };
const priceUnchanged = '#price.#amount = :amount AND #price.#currency = :currency';
const priceValues = (price: Money) => ({ ':amount': price.amount, ':currency': price.currency });

/** Takes `quantity` units from `available` into `reserved`, if there are enough and the price is still `price`. */
export const reserveStock = (table: string, sku: string, quantity: number, price: Money): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET available = available - :q, reserved = if_not_exists(reserved, :zero) + :q',
    ConditionExpression: `available >= :q AND ${priceUnchanged}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ':q': quantity, ':zero': 0, ...priceValues(price) },
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

/** Gives reserved units back to `available` (an unpaid order cancelled). */
export const releaseStock = (table: string, sku: string, quantity: number): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET available = available + :q, reserved = reserved - :q',
    ExpressionAttributeValues: { ':q': quantity },
  },
});

/** The reserved units are sold: they leave `reserved` for good (an order paid). */
export const commitStock = (table: string, sku: string, quantity: number): TransactItem => ({
  Update: {
    TableName: table,
    Key: productKey(sku),
    UpdateExpression: 'SET reserved = reserved - :q',
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
