import { QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { unansweredByStripe, type OrderRefund } from '../domain/after-sales';
import type { Order } from '../domain/order';
import { UNANSWERED_REFUNDS, unansweredRefundKeys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The watch of refunds Stripe never answered: why it exists. A refund is reserved on its order
 * before Stripe is asked; when Stripe does not answer (down, slow past the SDK's retries), the
 * request answers 503 and only the same request sent again completes it. An admin who never
 * sends it again (or cancels the order instead, which counts the reserved amount as refunded)
 * would leave the money with the shop for good. So each such refund gets an entry, in GSI2's one
 * `REFUNDS_UNANSWERED` partition by the time it was reserved, written in the transaction that
 * reserves it and deleted in the one that records Stripe's first answer (its id, a success, a
 * refusal); the scheduled `completeUnansweredRefunds` asks Stripe again for those left.
 *
 * The writes that keep it so, for a change that sets the order's `refunds` (undefined: none).
 */
export const unansweredRefundWrites = (table: string, order: Pick<Order, 'id' | 'refunds'>, refunds: readonly OrderRefund[] | undefined): TransactItem[] => {
  const before = new Map((order.refunds ?? []).map((refund) => [refund.id, unansweredByStripe(refund)]));
  return (refunds ?? []).flatMap((refund): TransactItem[] => {
    const now = unansweredByStripe(refund);
    const then = before.get(refund.id) ?? false;
    if (now && !then) {
      return [
        {
          Put: {
            TableName: table,
            Item: { ...unansweredRefundKeys(order.id, refund.id), GSI2PK: UNANSWERED_REFUNDS, GSI2SK: `${refund.createdAt}#${refund.id}`, orderId: order.id, refundId: refund.id },
          },
        },
      ];
    }
    if (then && !now) return [{ Delete: { TableName: table, Key: unansweredRefundKeys(order.id, refund.id) } }];
    return [];
  });
};

/** Refunds reserved before `reservedBefore` that Stripe has not answered yet, oldest first. */
export const unansweredRefunds = async (db: DocumentClient, table: string, reservedBefore: Date, limit: number): Promise<{ orderId: string; refundId: string }[]> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :watch AND GSI2SK < :before',
      ExpressionAttributeValues: { ':watch': UNANSWERED_REFUNDS, ':before': reservedBefore.toISOString() },
      Limit: limit,
    }),
  );
  return Items.map((item) => ({ orderId: String(item.orderId), refundId: String(item.refundId) }));
};
