/**
 * The write units AWS bills, where DynamoDB Local's `ConsumedCapacity` falls short: it reports a
 * transaction's capacity well below AWS's published rule (two units per KB begun of every item in
 * it; probes showed it counting equal-sized items once). While billing is on (the scripted order),
 * the meter reads each item a write touches just before and just after it, with a client it does
 * not count, and bills the table by the rules of "Item sizes and formats" and "Capacity unit
 * consumption for writes": a Put by the larger of the new item and the one it replaces, an Update
 * by the larger of before and after, a Delete or a ConditionCheck by the item as it was; one unit
 * per KB begun, two inside a transaction. Index writes are taken as DynamoDB Local reports them
 * per index (`ReturnConsumedCapacity: 'INDEXES'`).
 */
import { GetItemCommand, type AttributeValue, type ConsumedCapacity, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, writeUnits } from './item-size';

type Input = Record<string, unknown>;
type Attributes = Record<string, AttributeValue>;
type Kind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
interface Target {
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

/** Each target's stored size now (0 when absent), read strongly consistent. */
export const storedSizes = (client: DynamoDBClient, targets: readonly Target[]) =>
  Promise.all(targets.map(async (t) => itemSize((await client.send(new GetItemCommand({ TableName: t.table, Key: t.key, ConsistentRead: true }))).Item ?? {})));

/** The table's write units AWS bills for these targets, given their sizes before and after. */
export const tableWriteUnits = (targets: readonly Target[], before: readonly number[], after: readonly number[], transactional: boolean) =>
  targets.reduce((sum, t, i) => {
    const was = before[i] ?? 0;
    const bytes = t.kind === 'Put' ? Math.max(itemSize(t.item ?? {}), was) : t.kind === 'Update' ? Math.max(was, after[i] ?? 0) : was;
    return sum + writeUnits(bytes, transactional);
  }, 0);

/** The index part of a reported consumption. */
export const indexWriteUnits = (consumed: readonly ConsumedCapacity[]) =>
  consumed.reduce((sum, c) => sum + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, g) => s + (g.CapacityUnits ?? 0), 0), 0);
