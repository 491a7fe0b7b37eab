import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ProductRepository, StockChange } from '../app/ports';
import type { Product } from '../domain/product';
import { ConflictError, NotFoundError, UnprocessableError } from '#kernel/errors';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { decodeCursor, encodeCursor } from '#runtime/dynamodb/cursor';
import { productCategoryKeys, productKey, productKeys } from './keys';

type ProductItem = Product & Record<string, unknown>;

const toProduct = (item: Record<string, unknown>): Product => {
  const { sku, name, description, type, price, taxCategory, available, category, updatedAt } = item as ProductItem;
  return { sku, name, description, type, price, taxCategory, category, updatedAt, ...(type === 'physical' && { available: available ?? 0 }) };
};

export const createProductRepository = (db: DocumentClient, tableName: string): ProductRepository => ({
  async get(sku) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productKey(sku) }));
    return Item ? toProduct(Item) : undefined;
  },

  async list({ category, cursor, limit }) {
    const index = category ? 'GSI2' : 'GSI1';
    const pk = category ? `CATEGORY#${category}` : 'CATALOG';
    const { Items = [], LastEvaluatedKey } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK` },
        ExpressionAttributeValues: { ':pk': pk },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, ['PK', 'SK', `${index}PK`, `${index}SK`]),
      }),
    );
    return { items: Items.map(toProduct), nextCursor: encodeCursor(LastEvaluatedKey) };
  },

  async save(product) {
    const { sku, category, type } = product;
    const { PK, SK, ...gsi1 } = productKeys(sku);
    const fields = { ...product, ...gsi1, ...productCategoryKeys(category, sku) };
    const names = Object.keys(fields);
    // Stock is the stock endpoint's business: keep what is there, start a new physical product at 0.
    const stock = type === 'physical' ? ', #available = if_not_exists(#available, :zero)' : ' REMOVE #available';
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK, SK },
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${stock}`,
        ExpressionAttributeNames: Object.fromEntries([...names, 'available'].map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, fields[n as keyof typeof fields]])),
          ...(type === 'physical' && { ':zero': 0 }),
        },
        // The old item tells whether this created the product, and what stock it kept.
        ReturnValues: 'ALL_OLD',
      }),
    );
    const available = type === 'physical' ? Number(Attributes?.available ?? 0) : undefined;
    return { product: toProduct({ ...fields, available }), created: Attributes === undefined };
  },

  async changeStock(sku, change: StockChange) {
    const key = productKey(sku);
    try {
      if ('set' in change) {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET available = :set',
            ConditionExpression: 'attribute_exists(PK) AND #type = :physical',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':set': change.set, ':physical': 'physical' },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { previous: Number(Attributes?.available ?? 0), available: change.set };
      }
      // The condition makes the check and the decrement one atomic step: two admins removing
      // the last units at once cannot take the count below zero.
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET available = if_not_exists(available, :zero) + :delta',
          ConditionExpression:
            'attribute_exists(PK) AND #type = :physical' + (change.delta < 0 ? ' AND available >= :needed' : ''),
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':delta': change.delta,
            ':zero': 0,
            ':physical': 'physical',
            ...(change.delta < 0 && { ':needed': -change.delta }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const available = Number(Attributes?.available);
      return { previous: available - change.delta, available };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const product = await this.get(sku);
      if (!product) throw new NotFoundError(`There is no product ${sku}.`, [], { cause: error });
      if (product.type !== 'physical') {
        throw new UnprocessableError(`${sku} is a digital product: it has no stock.`, [], { cause: error });
      }
      throw new ConflictError(`${sku} has only ${product.available ?? 0} units: cannot remove more.`, [], { cause: error });
    }
  },
});
