import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { allowedSources, type Order, type OrderStatus } from '../domain/order';
import { orderKeys, orderStatusKeys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Update = NonNullable<TransactItem['Update']>;

/**
 * A condition on an order's status, from the domain's transition table: the write succeeds only
 * from the statuses in `from`, each of which the table allows to move on as asked.
 */
export const statusCondition = (from: readonly OrderStatus[]) => ({
  expression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
  names: { '#status': 'status' },
  values: Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
});

/**
 * Moves an order from one of `from` to `to` (checked against the domain's transitions), setting
 * `fields` too, and moves its entry in the status index. The ordering context's part of
 * transactions that other contexts run (a payment marks the order paid): no one else knows the
 * order's keys. An order placed before GSI4 existed leaves GSI2 (where it was listed by status,
 * whole) at its first move.
 */
export const transitionOrder = (
  table: string,
  order: { id: string; createdAt: string },
  move: { from: readonly OrderStatus[]; to: OrderStatus; at: string; revision?: number },
  fields: Record<string, unknown> = {},
): { Update: Update } => {
  const condition = withRevision(statusCondition(allowedSources(move.from, move.to)), move.revision);
  const set = fieldUpdates({ ...fields, ...revisionField(move.revision) });
  const index = orderStatusKeys({ ...order, status: move.to });
  return {
    Update: {
      TableName: table,
      Key: orderKeys(order.id),
      UpdateExpression: `SET #status = :to, updatedAt = :at, GSI4PK = :statusPartition, GSI4SK = :position${set.expression} REMOVE GSI2PK, GSI2SK`,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: { ...condition.names, ...set.names },
      ExpressionAttributeValues: { ...condition.values, ':to': move.to, ':at': move.at, ':statusPartition': index.GSI4PK, ':position': index.GSI4SK, ...set.values },
    },
  };
};

/**
 * Sets fields of an order without moving it, while its status is one of `statuses` (and, with
 * `once`, only if that field is not set yet): Stripe's news about a pending payment, a review flag.
 */
export const annotateOrder = (
  table: string,
  orderId: string,
  guard: { statuses: readonly OrderStatus[]; once?: string; at: string; revision?: number },
  fields: Record<string, unknown>,
): { Update: Update } => {
  const condition = withRevision(statusCondition(guard.statuses), guard.revision);
  const set = fieldUpdates({ ...fields, ...revisionField(guard.revision) });
  return {
    Update: {
      TableName: table,
      Key: orderKeys(orderId),
      UpdateExpression: `SET updatedAt = :at${set.expression}`,
      ConditionExpression: condition.expression + (guard.once ? ` AND attribute_not_exists(#once)` : ''),
      ExpressionAttributeNames: { ...condition.names, ...set.names, ...(guard.once && { '#once': guard.once }) },
      ExpressionAttributeValues: { ...condition.values, ':at': guard.at, ...set.values },
    },
  };
};

/**
 * With `revision` (the order's revision as it was read, 0 if it had none), the write also holds
 * only if no other read-then-write change came in between, and bumps the revision: two admins
 * shipping the same units at once cannot both succeed.
 */
const withRevision = (condition: ReturnType<typeof statusCondition>, revision: number | undefined) => {
  if (revision === undefined) return condition;
  const unchanged = revision === 0 ? 'attribute_not_exists(#revision)' : '#revision = :revision';
  return {
    expression: `${condition.expression} AND ${unchanged}`,
    names: { ...condition.names, '#revision': 'revision' },
    values: { ...condition.values, ...(revision > 0 && { ':revision': revision }) },
  };
};

const revisionField = (revision: number | undefined) => (revision === undefined ? {} : { revision: revision + 1 });

/** `SET` clauses for fields given as paths (`payment.status`), with placeholders for every name. */
const fieldUpdates = (fields: Record<string, unknown>) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses = Object.entries(fields).map(([path, value], i) => {
    const segments = path.split('.').map((segment, j) => {
      names[`#f${i}_${j}`] = segment;
      return `#f${i}_${j}`;
    });
    values[`:f${i}`] = value;
    return `${segments.join('.')} = :f${i}`;
  });
  return { expression: clauses.map((c) => `, ${c}`).join(''), names, values };
};

/**
 * The write of a change another context decided from the order it read (see `changeOrder`): a
 * guarded transition when the status moves, a guarded annotation when it stays, both only if the
 * order's revision is still the one read.
 */
export const orderChangeWrite = (table: string, order: Order, change: { status: OrderStatus; fields: Record<string, unknown>; at: string }): { Update: Update } => {
  const revision = order.revision ?? 0;
  return change.status === order.status
    ? annotateOrder(table, order.id, { statuses: [order.status], at: change.at, revision }, change.fields)
    : transitionOrder(table, order, { from: [order.status], to: change.status, at: change.at, revision }, change.fields);
};
