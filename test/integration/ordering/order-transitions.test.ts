import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderKeys } from '#ordering/adapters/keys';
import { transitionOrder } from '#ordering/adapters/order-transactions';
import { transitions, type OrderStatus } from '#ordering/domain/order';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { freshTables } from '../../support/dynamo';

const statuses = Object.keys(transitions) as OrderStatus[];
/** Every (from, to) the table allows: each is tried for real on DynamoDB Local. */
const allowed = statuses.flatMap((from) => transitions[from].map((to) => [from, to] as const));

describe('conditional writes on an order take their condition from the domain (DynamoDB Local)', () => {
  let db: DocumentClient;
  let table: string;
  const at = '2026-11-25T10:00:00.000Z';

  beforeAll(async () => {
    const fresh = await freshTables();
    db = fresh.db;
    table = fresh.names.domain;
  });

  const createdAt = '2026-11-25T09:00:00.000Z';
  const orderIn = async (id: string, status: OrderStatus) => {
    await storeOrders(db, table, [aPendingOrder(id, { status, createdAt })]);
    return id;
  };
  const move = (id: string, from: OrderStatus, to: OrderStatus) => db.send(new UpdateCommand(transitionOrder(table, { id, createdAt }, { from: [from], to, at }).Update));
  const read = async (id: string) => (await db.send(new GetCommand({ TableName: table, Key: orderKeys(id), ConsistentRead: true }))).Item;

  it.each(allowed)('moves an order from %s to %s, and its status index with it', async (from, to) => {
    const id = await orderIn(`t-${from}-${to}`, from);
    await move(id, from, to);
    expect(await read(id)).toMatchObject({ status: to, updatedAt: at, GSI4PK: `ORDER_STATUS#${to}`, GSI4SK: `${createdAt}#${id}` });
  });

  it.each(allowed)('refuses %s → %s when the order has moved on to another status', async (from, to) => {
    const elsewhere = statuses.find((s) => s !== from)!;
    const id = await orderIn(`x-${from}-${to}`, elsewhere);
    await expect(move(id, from, to)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect((await read(id))?.status).toBe(elsewhere);
  });

  it('never builds a write for a transition the table does not list', () => {
    const forbidden = statuses.flatMap((from) => statuses.filter((to) => !transitions[from].includes(to)).map((to) => [from, to] as const));
    expect(forbidden.length).toBeGreaterThan(0);
    for (const [from, to] of forbidden) expect(() => transitionOrder(table, { id: 'any', createdAt }, { from: [from], to, at })).toThrow(/cannot go from/);
  });
});
