import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '#kernel/errors';
import type { Page } from '#kernel/ports';
import { orderKeys, orderNumberKey } from '#ordering/adapters/keys';
import { createOrderSearch } from '#ordering/adapters/order-search';
import { transitionOrder } from '#ordering/adapters/order-transactions';
import { listOrders, type OrderFilters } from '#ordering/app/list-orders';
import type { OrderSearch } from '#ordering/app/ports';
import type { Order, OrderStatus } from '#ordering/domain/order';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { createCursorCodec } from '#runtime/dynamodb/cursor';
import { signingKey } from '#runtime/signing';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { freshTables } from '../../support/dynamo';

/**
 * Twenty orders a minute apart (`o-00` oldest), statuses and buyers interleaved so that every
 * page of the merged listing draws from several status partitions at once.
 */
const statusCycle: OrderStatus[] = ['paid', 'shipped', 'paid', 'pending_payment', 'cancelled', 'paid', 'delivered', 'refunded'];
const emails = ['camille@example.fr', 'Alex.Dupont@Example.com', 'noe@example.org'];
const orders: Order[] = Array.from({ length: 20 }, (_, i) => {
  const id = `o-${String(i).padStart(2, '0')}`;
  const createdAt = new Date(Date.UTC(2026, 10, 24, 10, i)).toISOString();
  return aPendingOrder(id, {
    number: `2026-${String(100 + i).padStart(6, '0')}`,
    status: statusCycle[i % statusCycle.length]!,
    customer: { email: emails[i % emails.length]! },
    createdAt,
    updatedAt: createdAt,
  });
});
const newestFirst = (list: Order[]) => [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((o) => o.id);

/** Every page of a listing, following its cursors; the ids of each page. */
const allPages = async (read: (cursor: string | undefined) => Promise<Page<{ id: string }>>) => {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page.items.map((o) => o.id));
    cursor = page.nextCursor ?? undefined;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return pages;
};

describe('the back office finds orders (DynamoDB Local)', () => {
  let db: DocumentClient;
  let table: string;
  let search: OrderSearch;
  const list = (filters: OrderFilters) => listOrders({ search }, filters);

  beforeAll(async () => {
    const fresh = await freshTables();
    db = fresh.db;
    table = fresh.names.domain;
    search = createOrderSearch(db, table, createCursorCodec(async () => signingKey('test-signing-key-0123456789')));
    await storeOrders(db, table, orders);
    // The pointers checkout writes with each order.
    for (const order of orders) {
      await db.send(new PutCommand({ TableName: table, Item: { ...orderNumberKey(order.number), orderId: order.id } }));
    }
  });

  it('lists one status only, newest first, a page at a time', async () => {
    const paid = orders.filter((o) => o.status === 'paid');
    const pages = await allPages((cursor) => list({ status: 'paid', cursor, limit: 3 }));
    expect(paid).toHaveLength(8);
    expect(pages.flat()).toEqual(newestFirst(paid));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    const firstPage = await list({ status: 'paid', limit: 3 });
    expect(firstPage.items.every((o) => o.status === 'paid')).toBe(true);
  });

  it('ends a listing whose last page is full without an empty page after it', async () => {
    const shipped = orders.filter((o) => o.status === 'shipped');
    const page = await list({ status: 'shipped', limit: shipped.length });
    expect(page.items.map((o) => o.id)).toEqual(newestFirst(shipped));
    expect(page.nextCursor).toBeNull();
  });

  it.each([1, 2, 5, 7, 100])('lists every status merged, newest first, without a gap or a repeat (pages of %i)', async (limit) => {
    const pages = await allPages((cursor) => list({ cursor, limit }));
    expect(pages.flat()).toEqual(newestFirst(orders));
    expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    expect(pages.at(-1)!.length).toBeGreaterThan(0);
  });

  it('refuses a cursor of another listing, naming query.cursor', async () => {
    const paidCursor = (await list({ status: 'paid', limit: 1 })).nextCursor!;
    const anyCursor = (await list({ limit: 1 })).nextCursor!;
    const emailCursor = (await list({ q: 'camille@example.fr', limit: 1 })).nextCursor!;
    const refusals = [
      list({ status: 'shipped', cursor: paidCursor }),
      list({ cursor: paidCursor }),
      list({ status: 'paid', cursor: anyCursor }),
      list({ cursor: emailCursor }),
      list({ q: 'alex.dupont@example.com', cursor: emailCursor }),
      list({ q: 'camille@example.fr', cursor: anyCursor }),
      list({ q: orders[3]!.number, cursor: anyCursor }),
      list({ cursor: `${paidCursor.split('.')[0]}x.${paidCursor.split('.')[1]}` }),
    ];
    for (const refused of refusals) {
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({ errors: [{ path: 'query.cursor' }] });
    }
    // Each cursor still works on its own listing.
    expect((await list({ status: 'paid', cursor: paidCursor, limit: 1 })).items[0]?.status).toBe('paid');
  });

  it('finds exactly the order of a number, and nothing for an unknown one', async () => {
    const wanted = orders[11]!;
    const found = await list({ q: wanted.number });
    expect(found).toEqual({ items: [expect.objectContaining({ id: wanted.id, number: wanted.number })], nextCursor: null });
    expect((await list({ q: wanted.number, status: wanted.status })).items.map((o) => o.id)).toEqual([wanted.id]);
    expect((await list({ q: wanted.number, status: wanted.status === 'paid' ? 'shipped' : 'paid' })).items).toEqual([]);
    expect(await list({ q: '2026-999999' })).toEqual({ items: [], nextCursor: null });
  });

  it("finds a customer's orders by email in any case, and no one else's", async () => {
    const alex = orders.filter((o) => o.customer.email === 'Alex.Dupont@Example.com');
    for (const typed of ['alex.dupont@example.com', 'ALEX.DUPONT@EXAMPLE.COM', ' Alex.Dupont@example.com ']) {
      const pages = await allPages((cursor) => list({ q: typed.trim(), cursor, limit: 2 }));
      expect(pages.flat()).toEqual(newestFirst(alex));
    }
    const alexPaid = alex.filter((o) => o.status === 'paid');
    expect(alexPaid.length).toBeGreaterThan(0);
    const paidPages = await allPages((cursor) => list({ q: 'alex.dupont@example.com', status: 'paid', cursor, limit: 2 }));
    expect(paidPages.flat()).toEqual(newestFirst(alexPaid));
    expect(await list({ q: 'nobody@example.com' })).toEqual({ items: [], nextCursor: null });
  });

  it('shapes each order as its customer reads it: no table keys, no customer id', async () => {
    const [first] = (await list({ q: orders[0]!.number })).items;
    expect(first).toMatchObject({ id: 'o-00', customer: { email: 'camille@example.fr', locale: 'fr' }, shipments: [], returns: [], refunds: [] });
    for (const hidden of ['PK', 'GSI4PK', 'GSI4SK', 'GSI3PK', 'GSI3SK', 'cartId', 'taxBreakdown']) expect(first).not.toHaveProperty(hidden);
  });

  it('does not find by email an order stored before the email index existed, and lists it by status from its next move on', async () => {
    // As orders were stored before GSI3 and GSI4: listed by status whole on GSI2.
    const old = aPendingOrder('old-order-1', { customer: { email: 'ancien@example.fr' }, createdAt: '2025-01-01T00:00:00.000Z' });
    await db.send(new PutCommand({ TableName: table, Item: { ...old, ...orderKeys(old.id), GSI2PK: 'ORDER_STATUS#pending_payment', GSI2SK: `${old.createdAt}#${old.id}` } }));
    expect((await list({ q: 'ancien@example.fr' })).items).toEqual([]);
    expect((await allPages((cursor) => list({ status: 'pending_payment', cursor }))).flat()).not.toContain('old-order-1');

    await db.send(new UpdateCommand(transitionOrder(table, old, { from: ['pending_payment'], to: 'cancelled', at: '2025-01-01T00:30:00.000Z' }).Update));
    expect((await allPages((cursor) => list({ status: 'cancelled', cursor }))).flat()).toContain('old-order-1');
    const stored = (await db.send(new GetCommand({ TableName: table, Key: orderKeys(old.id), ConsistentRead: true }))).Item;
    expect(stored).toMatchObject({ GSI4PK: 'ORDER_STATUS#cancelled', GSI4SK: `${old.createdAt}#${old.id}` });
    expect(stored).not.toHaveProperty('GSI2PK');
  });
});

describe('the merged listing when DynamoDB cuts a page short (1 MB per query)', () => {
  it('shows nothing older than a partition cut short, and the next page goes on from there', async () => {
    const { db, names } = await freshTables();
    const search = createOrderSearch(db, names.domain, createCursorCodec(async () => signingKey('test-signing-key-0123456789')));
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();
    // Four paid orders whose status index entries weigh ~380 KB each (their payment deadline is
    // the one attribute GSI4 copies besides keys): a query reads at most 1 MB, so it returns two
    // or three of them and says there are more. The shipped ones are tiny, and some are older.
    const paymentDueAt = `2026-11-24T11:00:00.000Z${' '.repeat(380 * 1024)}`;
    const paid = [7, 8, 9, 10].map((m) => aPendingOrder(`big-${m}`, { status: 'paid', createdAt: at(m), updatedAt: at(m), paymentDueAt }));
    const shipped = [0, 1, 11].map((m) => aPendingOrder(`small-${m}`, { status: 'shipped', createdAt: at(m), updatedAt: at(m) }));
    await storeOrders(db, names.domain, [...paid, ...shipped]);
    const pages = await allPages((cursor) => listOrders({ search }, { cursor, limit: 5 }));
    expect(pages.flat()).toEqual(newestFirst([...paid, ...shipped]));
    // The first page stopped at the last paid order read, before the older shipped ones.
    expect(pages[0]!.length).toBeLessThan(5);
  });
});
