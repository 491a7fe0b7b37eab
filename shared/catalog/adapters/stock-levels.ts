import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { StockLevel, StockLevels } from '../app/ports';
import { catalogListing } from './keys';

/**
 * The stock of every physical product, for the back office. One query over the catalog's index,
 * page after page: a shop's catalog is read whole here (no cursor), digital goods left out. The
 * units reserved by unpaid orders are not on the product (see `stock-transactions.ts`): the stock
 * view asks ordering for them.
 */
export const createStockLevels = (db: DocumentClient, tableName: string): StockLevels => ({
  async list() {
    const levels: StockLevel[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: catalogListing.index,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: '#type = :physical',
          ProjectionExpression: 'sku, available, reorderPoint',
          ExpressionAttributeNames: { '#pk': `${catalogListing.index}PK`, '#type': 'type' },
          ExpressionAttributeValues: { ':pk': catalogListing.partition, ':physical': 'physical' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        levels.push({
          sku: String(item.sku),
          available: Number(item.available ?? 0),
          ...(item.reorderPoint !== undefined && { reorderPoint: Number(item.reorderPoint) }),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return levels;
  },
});
