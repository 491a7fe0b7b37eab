/**
 * The write units AWS bills, where DynamoDB Local's `ConsumedCapacity` falls short: it reports a
 * transaction's capacity well below AWS's published rule (two units per KB begun of every item in
 * it; probes showed it counting equal-sized items once). While billing is on (the scripted order),
 * the meter reads each item a write touches just before and just after it, with a client it does
 * not count, and bills the table by the rules of "Item sizes and formats" and "Capacity unit
 * consumption for writes": a Put by the larger of the new item and the one it replaces, an Update
 * by the larger of before and after, a Delete or a ConditionCheck by the item as it was; one unit
 * per KB begun, two inside a transaction. Index writes are taken as DynamoDB Local reports them
 * per index (`ReturnConsumedCapacity: 'INDEXES'`), and shared equally among the request's items
 * that carry the index's key, so that the cost model can say which kind of item they are for.
 *
 * A write refused by its condition is billed too, as if it had succeeded. What we found of AWS's
 * word on it, through a documentation search (not checked against AWS's own pages since): a summary of the
 * Developer Guide's "DynamoDB read and write operations" page (amazondynamodb/latest/developerguide/
 * read-write-operations.html) says that a conditional write whose condition is false still consumes
 * write units, by the larger of the existing and the new item; Amazon Keyspaces' guide says the
 * same of its conditional writes (by the row's size, 1 unit when there is none). A Put is so billed
 * by the larger of its item and the stored one, a Delete or ConditionCheck by the stored item, and
 * an Update, whose result was never written, by the stored item (an Update that would have grown
 * it across a KB is billed one unit short). For a cancelled TransactWriteItems
 * (TransactionCanceledException: a false condition in any of its items, or a conflict) the API
 * reference lists why it is cancelled but not what it costs: billing each of its items as a
 * failed transactional write (2 units per KB begun) is our assumption. Nothing is written, so no
 * index is.
 */
import { GetItemCommand, type AttributeValue, type ConsumedCapacity, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, writeUnits } from './item-size';

export { itemSize };

type Input = Record<string, unknown>;
type Attributes = Record<string, AttributeValue>;
type Kind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
export interface Target {
  table: string;
  kind: Kind;
  key: Attributes;
  item?: Attributes;
}

const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);
const isMarshalled = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && Object.keys(v).length === 1 && TYPES.has(Object.keys(v)[0]!);
/** The raw client (Powertools' idempotency layer) sends marshalled values; the document client does not. */
const attributes = (record: Input): Attributes =>
  Object.values(record).every(isMarshalled) ? (record as Attributes) : marshall(record, { removeUndefinedValues: true, convertClassInstanceToMap: true });
/** The primary key of an item: PK and SK in the domain table, `id` in the idempotency table. */
const keyOf = (item: Attributes): Attributes => (item.PK ? { PK: item.PK, ...(item.SK && { SK: item.SK }) } : { id: item.id! });

const targetOf = (kind: Kind, op: Input): Target => {
  const table = String(op.TableName);
  if (kind === 'Put') {
    const item = attributes(op.Item as Input);
    return { table, kind, key: keyOf(item), item };
  }
  return { table, kind, key: attributes(op.Key as Input) };
};

/** The items a write request touches; none for a request that writes nothing. */
export const writeTargets = (operation: string, input: Input): Target[] => {
  if (operation === 'PutItem') return [targetOf('Put', input)];
  if (operation === 'UpdateItem') return [targetOf('Update', input)];
  if (operation === 'DeleteItem') return [targetOf('Delete', input)];
  if (operation === 'TransactWriteItems') {
    return ((input.TransactItems ?? []) as Input[]).map((t) => {
      const [kind, op] = Object.entries(t)[0] as [Kind, Input];
      return targetOf(kind, op);
    });
  }
  return [];
};

/** Each target's stored item now (empty when absent), read strongly consistent. */
export const storedItems = (client: DynamoDBClient, targets: readonly Target[]): Promise<Attributes[]> =>
  Promise.all(targets.map(async (t) => (await client.send(new GetItemCommand({ TableName: t.table, Key: t.key, ConsistentRead: true }))).Item ?? {}));

/** Each target's table write units as AWS bills them, given its stored size before and after. */
export const targetWriteUnits = (targets: readonly Target[], before: readonly number[], after: readonly number[], transactional: boolean): number[] =>
  targets.map((t, i) => {
    const was = before[i] ?? 0;
    const bytes = t.kind === 'Put' ? Math.max(itemSize(t.item ?? {}), was) : t.kind === 'Update' ? Math.max(was, after[i] ?? 0) : was;
    return writeUnits(bytes, transactional);
  });

/** The table's write units AWS bills for these targets, given their sizes before and after. */
export const tableWriteUnits = (targets: readonly Target[], before: readonly number[], after: readonly number[], transactional: boolean) =>
  targetWriteUnits(targets, before, after, transactional).reduce((a, b) => a + b, 0);

/** What a write refused by its condition (or a cancelled transaction) bills: what it would have, nothing having changed. */
export const failedWriteUnits = (targets: readonly Target[], before: readonly number[], transactional: boolean): number[] => targetWriteUnits(targets, before, before, transactional);

/** Errors AWS bills a write for: its condition was false, or its transaction was cancelled. */
export const BILLED_FAILURES = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

/** The indexes an item is in: those whose partition key it carries (`GSI1PK` → `GSI1`). */
export const indexesOf = (item: Attributes): string[] => Object.keys(item).flatMap((name) => /^(GSI\d+)PK$/.exec(name)?.[1] ?? []);

/**
 * Each index's reported units shared equally among the targets in it (before or after the write):
 * DynamoDB reports a request's index units per index, not per item.
 */
export const targetIndexUnits = (consumed: readonly ConsumedCapacity[], indexes: readonly (readonly string[])[]): number[] => {
  const shares = indexes.map(() => 0);
  for (const c of consumed) {
    for (const [name, g] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
      const carriers = indexes.flatMap((inIndexes, i) => (inIndexes.includes(name) ? [i] : []));
      for (const i of carriers) shares[i]! += (g.CapacityUnits ?? 0) / carriers.length;
    }
  }
  return shares;
};

/** The index part of a reported consumption. */
export const indexWriteUnits = (consumed: readonly ConsumedCapacity[]) =>
  consumed.reduce((sum, c) => sum + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, g) => s + (g.CapacityUnits ?? 0), 0), 0);
