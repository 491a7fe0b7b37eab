import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OrderRefund } from '../domain/after-sales';
import type { Order } from '../domain/order';
import { succeededRefundIndexKeys, succeededRefundKeys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The ledger of succeeded refunds: why it exists. The sales report counts the refunds that
 * succeeded in its range, and a refund may come months after its order was paid, when the order
 * sits in any status partition (a partial refund leaves the order free to be shipped, delivered or
 * cancelled after it): finding them from the orders would mean reading every order ever paid.
 * So each refund that succeeds gets an entry, listed by the time it succeeded, written in the same
 * transaction as the order that records it, and deleted in the one where the bank fails it after
 * all. Refunds that succeeded before the ledger existed have no entry: the report counts them
 * only from the orders it reads for its range (see `placedWindow`).
 *
 * The writes that keep it so, for a change that sets the order's `refunds` (undefined: none):
 * an entry for each refund that now succeeded and had not, none any more for one that had and
 * now has not. The order's own write is conditioned on its revision, so `order.refunds` is what
 * the change replaces.
 */
export const succeededRefundWrites = (table: string, order: Pick<Order, 'id' | 'refunds'>, refunds: readonly OrderRefund[] | undefined): TransactItem[] => {
  const before = new Map((order.refunds ?? []).map((refund) => [refund.id, refund.status]));
  return (refunds ?? []).flatMap((refund): TransactItem[] => {
    const succeeded = refund.status === 'succeeded';
    const succeededBefore = before.get(refund.id) === 'succeeded';
    if (succeeded && !succeededBefore) {
      const settledAt = refund.settledAt ?? refund.createdAt;
      return [
        {
          Put: {
            TableName: table,
            Item: {
              ...succeededRefundKeys(order.id, refund.id),
              ...succeededRefundIndexKeys({ id: refund.id, settledAt }),
              orderId: order.id,
              refundId: refund.id,
              amount: refund.amount,
              settledAt,
            },
          },
        },
      ];
    }
    if (succeededBefore && !succeeded) return [{ Delete: { TableName: table, Key: succeededRefundKeys(order.id, refund.id) } }];
    return [];
  });
};
