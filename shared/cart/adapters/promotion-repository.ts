import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredPromotion } from '../domain/cart';
import type { PromotionRepository } from '../app/ports';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { promotionKeys } from './keys';

const OPTIONAL = ['startsAt', 'endsAt', 'maxRedemptions', 'minSubtotal'] as const;

const toPromotion = ({ PK: _pk, SK: _sk, ...rest }: Record<string, unknown>) => rest as unknown as StoredPromotion;

export const createPromotionRepository = (db: DocumentClient, tableName: string): PromotionRepository => ({
  async get(code) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: promotionKeys(code) }));
    return Item ? toPromotion(Item) : undefined;
  },

  // One update, so a checkout counting a redemption at the same moment is never overwritten.
  async save(promotion) {
    const set = Object.entries(promotion).filter(([, v]) => v !== undefined);
    const remove = OPTIONAL.filter((k) => promotion[k] === undefined);
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: promotionKeys(promotion.code),
        UpdateExpression:
          `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}, redemptions = if_not_exists(redemptions, :zero)` +
          (remove.length > 0 ? ` REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : ''),
        ExpressionAttributeNames: Object.fromEntries([...set.map(([k]) => k), ...remove].map((k) => [`#${k}`, k])),
        ExpressionAttributeValues: { ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])), ':zero': 0 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toPromotion(Attributes ?? {});
  },
});
