import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import type { ProductRepository, StockChange } from '../app/ports';
import { productAsSaved, stockAfter, type Product } from '../domain/product';
import { ConflictError, NotFoundError, UnprocessableError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { onePage, pageLimit, type CursorCodec, type Listing } from '#runtime/dynamodb/cursor';
import { afterAdminChange } from '../domain/reorder-point';
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
        Limit: pageLimit(limit),
        ExclusiveStartKey: await cursors.decode(listing, cursor),
      }),
    );
    const page = onePage(listing, Items, limit, LastEvaluatedKey);
    return { items: page.items.map(toProduct), nextCursor: await cursors.encode(listing, page.lastKey) };
  },

  async save(details, updatedAt, factsOf) {
    const { sku } = details;
    const { PK, SK, ...gsi1 } = productKeys(sku);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The item as it is tells whether this creates the product, its type, its stock and its
      // reorder point; the write then happens only if nobody saved it in between (its `updatedAt`
      // unchanged).
      const { Item: old } = await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK }, ConsistentRead: true }));
      const product = productAsSaved(old && toProduct(old), details, updatedAt);
      const { category, type, reorderPoint } = product;
      const stocked = type === 'physical';
      const previous = Number(old?.available ?? 0);
      const available = product.available ?? 0;
      // Only a new product's units move the count: an existing one keeps it (productAsSaved).
      const counted = stocked && available !== previous;
      // A new product had its reorder point from the start: no crossing by it.
      const before = old ? reorderPointOf(old) : reorderPoint;
      const decision = stocked ? afterAdminChange({ available: previous, reorderPoint: before, lowStockAlerted: old?.[ALERTED] === true }, { available, reorderPoint }) : 'none';
      const crossing = decision === 'alert' && reorderPoint !== undefined ? { sku, name: product.name, available, reorderPoint } : undefined;
      const saved = { product, created: old === undefined };
      const stock = stocked ? { previous, available, ...(reorderPoint !== undefined && { reorderPoint }), ...(crossing && { crossing }) } : undefined;

      // The details, but the count, written from what was read below. An absent reorder point is
      // removed, never written as `undefined`.
      const fields: Record<string, unknown> = Object.fromEntries(
        Object.entries({ ...product, ...gsi1, ...productCategoryKeys(category, sku) }).filter(([name, value]) => value !== undefined && name !== 'available'),
      );
      const names = Object.keys(fields);
      const set = names.map((n) => `#${n} = :${n}`);
      const values: Record<string, unknown> = Object.fromEntries(names.map((n) => [`:${n}`, fields[n]]));
      const removed = stocked && reorderPoint === undefined ? ['#reorderPoint'] : [];
      const conditions = [old ? '#updatedAt = :previous' : 'attribute_not_exists(PK)'];
      if (old) values[':previous'] = old.updatedAt;
      if (stocked) {
        set.push(counted ? '#available = :available' : '#available = if_not_exists(#available, :zero)');
        Object.assign(values, counted ? { ':available': available } : { ':zero': 0 });
        if (decision === 'alert') {
          set.push('#alerted = :true');
          values[':true'] = true;
        }
        if (decision === 'rearm') removed.push('#alerted');
      }
      // The count sent is the product's only if nothing moved its stock since it was read, and an
      // alert raised is exact only from the stock as read: a sale, the stock endpoint or the
      // inventory worker in between makes this read again (and a count sent that no longer
      // matches is then refused). A reorder point moved (or removed) under the count re-arms the
      // alert only while the stock is still above it.
      if (old && stocked && (details.available !== undefined || crossing)) {
        const asRead = stockAsRead(old);
        conditions.push(...asRead.conditions);
        Object.assign(values, asRead.values);
      } else if (old && decision === 'rearm' && reorderPoint !== undefined) {
        conditions.push('(attribute_not_exists(#available) OR #available > :reorderPoint)');
      }
      const expressions = {
        UpdateExpression: [`SET ${set.join(', ')}`, ...(removed.length > 0 ? [`REMOVE ${removed.join(', ')}`] : [])].join(' '),
        ConditionExpression: conditions.join(' AND '),
      };
      const update = { TableName: tableName, Key: { PK, SK }, ...expressions, ExpressionAttributeNames: namesIn(expressions), ExpressionAttributeValues: values };
      if (await written(db, [{ Update: update }, ...putOutboxEntries(tableName, factsOf(saved, stock))])) return saved;
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
      const available = stockAfter(sku, previous, change);
      const reorderPoint = reorderPointOf(Item);
      // Units taken down to the reorder point or below tell the shop as a sale does; any count
      // above it re-arms the alert (the domain's `afterAdminChange`, the point kept).
      const decision = afterAdminChange({ available: previous, reorderPoint, lowStockAlerted: Item[ALERTED] === true }, { available, reorderPoint });
      // Only from the product just read: a checkout taking units, the admin moving the reorder
      // point or the inventory worker setting the alert in between makes this read again, so two
      // changes never overwrite each other, the count never goes below zero, and of the admin and
      // a sale crossing the point together only one alerts.
      const asRead = stockAsRead(Item);
      const expressions = {
        UpdateExpression: `SET #available = :available${decision === 'alert' ? ', #alerted = :true' : decision === 'rearm' ? ' REMOVE #alerted' : ''}`,
        ConditionExpression: [...asRead.conditions, reorderPoint === undefined ? 'attribute_not_exists(#reorderPoint)' : '#reorderPoint = :reorderPoint'].join(' AND '),
      };
      const update = {
        TableName: tableName,
        Key: key,
        ...expressions,
        ExpressionAttributeNames: namesIn(expressions),
        ExpressionAttributeValues: {
          ...asRead.values,
          ':available': available,
          ...(decision === 'alert' && { ':true': true }),
          ...(reorderPoint !== undefined && { ':reorderPoint': reorderPoint }),
        },
      };
      const crossing = decision === 'alert' && reorderPoint !== undefined ? { sku, name: String(Item.name), available, reorderPoint } : undefined;
      const moved = { previous, available, ...(reorderPoint !== undefined && { reorderPoint }), ...(crossing && { crossing }) };
      if (await written(db, [{ Update: update }, ...putOutboxEntries(tableName, factsOf(moved))])) return moved;
      await sleep(Math.random() * 20 * (attempt + 1));
    }
    throw new ConflictError(`The stock of ${sku} changed too often at the same time; try again.`);
  },
});

/**
 * Conditions that a product's stock is as `item` had it: its count and its low-stock alert. A write
 * of the count under them states exact facts about it (`previous`, a crossing): a sale or the
 * inventory worker setting the alert in between makes it fail, to be read again.
 */
const stockAsRead = (item: Record<string, unknown>) => ({
  conditions: [
    item.available === undefined ? 'attribute_not_exists(#available)' : '#available = :stockRead',
    item[ALERTED] === true ? '#alerted = :true' : '(attribute_not_exists(#alerted) OR #alerted = :false)',
  ],
  values: { ...(item.available !== undefined && { ':stockRead': Number(item.available) }), ...(item[ALERTED] === true ? { ':true': true } : { ':false': false }) },
});

/** The attributes that the `#name`s of these expressions stand for (DynamoDB refuses one they do not use). */
const namesIn = (expressions: Record<string, string>): Record<string, string> =>
  Object.fromEntries([...new Set(Object.values(expressions).join(' ').match(/#\w+/g))].map((name) => [name, name === '#alerted' ? ALERTED : name.slice(1)]));

const reorderPointOf = (item: Record<string, unknown>): number | undefined => (item.reorderPoint === undefined ? undefined : Number(item.reorderPoint));

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
