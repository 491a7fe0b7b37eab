import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import type { ProductRepository, StockChange } from '../app/ports';
import type { Product } from '../domain/product';
import { ConflictError, NotFoundError, UnprocessableError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { CursorCodec, Listing } from '#runtime/dynamodb/cursor';
import { afterAdjustment, crossedByNewReorderPoint, rearms } from '../domain/reorder-point';
import { ALERTED, catalogListing, productCategoryKeys, productKey, productKeys } from './keys';

type ProductItem = Product & Record<string, unknown>;

const toProduct = (item: Record<string, unknown>): Product => {
  const { sku, name, description, type, price, taxCategory, available, category, reorderPoint, updatedAt } = item as ProductItem;
  return {
    sku, name, description, type, price, taxCategory, category, updatedAt,
    ...(type === 'physical' && { available: available ?? 0 }),
    ...(type === 'physical' && reorderPoint !== undefined && { reorderPoint }),
  };
};

/** The whole catalog (GSI1) or one category (GSI2), in SKU order. */
const listingOf = (category: string | undefined): Listing => {
  const index = category ? 'GSI2' : 'GSI1';
  return { index, partition: category ? `CATEGORY#${category}` : catalogListing.partition, keys: ['PK', 'SK', `${index}PK`, `${index}SK`] };
};

/**
 * Products in the domain table. `cursors` (made with the server's signing key) is needed only to
 * list: the functions that never list (carts, checkout, workers) have no signing key to give.
 */
export const createProductRepository = (db: DocumentClient, tableName: string, cursors?: CursorCodec): ProductRepository => ({
  async get(sku) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productKey(sku) }));
    return Item ? toProduct(Item) : undefined;
  },

  async list({ category, cursor, limit }) {
    if (!cursors) throw new Error('This product repository was made without a cursor codec: it cannot list.');
    const listing = listingOf(category);
    const { Items = [], LastEvaluatedKey } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: listing.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${listing.index}PK` },
        ExpressionAttributeValues: { ':pk': listing.partition },
        Limit: limit,
        ExclusiveStartKey: await cursors.decode(listing, cursor),
      }),
    );
    return { items: Items.map(toProduct), nextCursor: await cursors.encode(listing, LastEvaluatedKey) };
  },

  async save(product, factsOf) {
    const { sku, category, type, reorderPoint } = product;
    const { PK, SK, ...gsi1 } = productKeys(sku);
    // An absent reorder point is removed, never written as `undefined`; a digital product has none.
    const fields: Record<string, unknown> = Object.fromEntries(
      Object.entries({ ...product, ...gsi1, ...productCategoryKeys(category, sku) }).filter(
        ([name, value]) => value !== undefined && !(name === 'reorderPoint' && type !== 'physical'),
      ),
    );
    const names = Object.keys(fields);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The item as it is tells whether this creates the product and what stock it keeps; the
      // write then happens only if nobody saved it in between (its `updatedAt` unchanged).
      const { Item: old } = await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK }, ConsistentRead: true }));
      const available = type === 'physical' ? Number(old?.available ?? 0) : undefined;
      const saved = { product: toProduct({ ...fields, available }), created: old === undefined };
      // Stock is the stock endpoint's business: keep what is there, start a new physical product
      // at 0. A digital product keeps no stock, no reorder point and no alert.
      const removed = type === 'physical' ? [...(reorderPoint === undefined ? ['reorderPoint'] : [])] : ['available', 'reorderPoint', ALERTED];
      // A reorder point moved (or removed) under the stock re-arms the alert, but only while the
      // stock is still above it: a sale crossing it meanwhile fails the condition and we read again.
      const rearm = type === 'physical' && available !== undefined && rearms(available, reorderPoint);
      if (rearm) removed.push(ALERTED);
      // A reorder point raised to or above the stock of a product that was above the old one is a
      // crossing: the shop is told now, as after a sale, not at the next sale (at 0 units there
      // may be none). A new product was never above its point: no crossing.
      const before = old?.type === 'physical' && old.reorderPoint !== undefined ? Number(old.reorderPoint) : undefined;
      const crossing =
        old?.type === 'physical' && available !== undefined && reorderPoint !== undefined && crossedByNewReorderPoint(available, before, reorderPoint)
          ? { sku, name: product.name, available, reorderPoint }
          : undefined;
      const conditions = [old ? '#updatedAt = :previous' : 'attribute_not_exists(PK)'];
      if (rearm && old && reorderPoint !== undefined) conditions.push('(attribute_not_exists(#available) OR #available > :reorderPoint)');
      // Alerted only if the stock is still what was read: a sale in between makes this read again.
      if (crossing) conditions.push('(attribute_not_exists(#available) OR #available = :stockRead)');
      const update = {
        TableName: tableName,
        Key: { PK, SK },
        UpdateExpression: [
          `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${type === 'physical' ? ', #available = if_not_exists(#available, :zero)' : ''}${crossing ? `, #${ALERTED} = :true` : ''}`,
          ...(removed.length > 0 ? [`REMOVE ${removed.map((n) => `#${n}`).join(', ')}`] : []),
        ].join(' '),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: Object.fromEntries([...new Set([...names, ...removed, 'available', 'updatedAt', ...(crossing ? [ALERTED] : [])])].map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, fields[n]])),
          ...(type === 'physical' && { ':zero': 0 }),
          ...(old && { ':previous': old.updatedAt }),
          ...(crossing && { ':stockRead': crossing.available, ':true': true }),
        },
      };
      if (await written(db, [{ Update: update }, ...putOutboxEntries(tableName, factsOf(saved, crossing))])) return saved;
      await sleep(Math.random() * 20 * (attempt + 1));
    }
    throw new ConflictError(`${sku} was changed by someone else at the same time; try again.`);
  },

  async changeStock(sku, change: StockChange, factsOf) {
    const key = productKey(sku);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      if (!Item) throw new NotFoundError(`There is no product ${sku}.`);
      if (Item.type !== 'physical') throw new UnprocessableError(`${sku} is a digital product: it has no stock.`);
      const previous = Number(Item.available ?? 0);
      const available = 'set' in change ? change.set : previous + change.delta;
      if (available < 0) {
        const left = previous === 0 ? 'no unit is left in stock' : `only ${previous} unit(s) left in stock`;
        throw new ConflictError(`Cannot remove ${previous - available} unit(s) of ${sku}: ${left}.`, [
          { path: 'delta', message: previous === 0 ? `cannot remove a unit: ${left}` : `must be at least -${previous}: ${left}` },
        ]);
      }
      const reorderPoint = Item.reorderPoint === undefined ? undefined : Number(Item.reorderPoint);
      const alerted = Item[ALERTED] === true;
      // Units taken down to the reorder point or below tell the shop as a sale does; any count
      // above it re-arms the alert (see the domain's `afterAdjustment`).
      const alerts = afterAdjustment(previous, { available, reorderPoint, lowStockAlerted: alerted }) === 'alert';
      const flag = alerts ? ', #alerted = :true' : rearms(available, reorderPoint) ? ' REMOVE #alerted' : '';
      // Only from the product just read: a checkout taking units, the admin moving the reorder
      // point or the inventory worker setting the alert in between makes this read again, so two
      // changes never overwrite each other, the count never goes below zero, and of the admin and
      // a sale crossing the point together only one alerts.
      const update = {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET available = :available${flag}`,
        ConditionExpression: [
          Item.available === undefined ? 'attribute_not_exists(available)' : 'available = :previous',
          reorderPoint === undefined ? 'attribute_not_exists(reorderPoint)' : 'reorderPoint = :reorderPoint',
          alerted ? '#alerted = :true' : '(attribute_not_exists(#alerted) OR #alerted = :false)',
        ].join(' AND '),
        ExpressionAttributeNames: { '#alerted': ALERTED },
        ExpressionAttributeValues: {
          ':available': available,
          ...((alerts || alerted) && { ':true': true }),
          ...(!alerted && { ':false': false }),
          ...(Item.available !== undefined && { ':previous': previous }),
          ...(reorderPoint !== undefined && { ':reorderPoint': reorderPoint }),
        },
      };
      const crossing = alerts && reorderPoint !== undefined ? { sku, name: String(Item.name), available, reorderPoint } : undefined;
      const moved = { previous, available, ...(reorderPoint !== undefined && { reorderPoint }), ...(crossing && { crossing }) };
      if (await written(db, [{ Update: update }, ...putOutboxEntries(tableName, factsOf(moved))])) return moved;
      await sleep(Math.random() * 20 * (attempt + 1));
    }
    throw new ConflictError(`The stock of ${sku} changed too often at the same time; try again.`);
  },
});

/** Attempts before a write that keeps losing to concurrent ones gives up with a ConflictError. */
const MAX_ATTEMPTS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes a product change and its facts in one transaction; false when the product's condition failed. */
const written = async (db: DocumentClient, items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict')) return false;
    throw error;
  }
};
