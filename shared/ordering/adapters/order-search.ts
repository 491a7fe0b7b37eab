import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from '#runtime/dynamodb/client';
import type { CursorCodec, Listing } from '#runtime/dynamodb/cursor';
import type { OrderSearch } from '../app/ports';
import { transitions, type OrderStatus } from '../domain/order';
import { orderEmailPartition, orderFromItem, orderKeys, orderNumberKey, orderStatusPartition } from './keys';
import { readOrders } from './read-orders';

type Item = Record<string, unknown>;

/** The indexes the back office lists from, each sorted by `orderPosition` (createdAt#id). */
const sortKeys = { GSI3: 'GSI3SK', GSI4: 'GSI4SK' } as const;
type Index = keyof typeof sortKeys;

/** The listing of every status at once: no partition holds it, so its cursors name this instead. */
const ANY_STATUS = orderStatusPartition('*');
const allStatuses = Object.keys(transitions) as OrderStatus[];

const newestFirst = (a: string, b: string) => (a > b ? -1 : a < b ? 1 : 0);

/**
 * The back office's search over the domain table, never a Scan:
 * - by status: the status's partition of GSI4 (keys only), then the orders read in one BatchGet;
 *   every status at once, the newest entries of each of the eight partitions, queried together
 *   and merged. That costs eight small queries a page instead of an index whose one partition
 *   every order would be written to (a hot key);
 * - by number: the pointer `ORDER_NUMBER#<number>` written at checkout, then the order;
 * - by email: GSI3, keys only, then the orders read in one BatchGet.
 * A cursor holds only the position (createdAt#id) of the page's last order, signed with the
 * listing it belongs to: the next page is what sorts before it, in every partition alike.
 */
export const createOrderSearch = (db: DocumentClient, table: string, cursors: CursorCodec): OrderSearch => {
  /** The newest `limit` index entries of one partition before `before`, and whether it has more. */
  const newest = async (index: Index, partition: string, before: string | undefined, limit: number) => {
    const sortKey = sortKeys[index];
    const { Items = [], LastEvaluatedKey } = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: index,
        KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK`, ...(before && { '#sk': sortKey }) },
        ExpressionAttributeValues: { ':pk': partition, ...(before && { ':before': before }) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return { items: Items, more: LastEvaluatedKey !== undefined };
  };

  /**
   * One page over several partitions of an index, newest first. Each is read one item past the
   * page, so a listing that ends on a full page says so (no empty last page). A partition cut
   * short (it has more) bounds what may be shown: below its last entry, orders of it not read yet
   * could sort between those of the others, and the next page starts there instead.
   */
  const page = async (index: Index, listing: Listing, partitions: readonly string[], query: { cursor?: string; limit: number }) => {
    const sortKey = sortKeys[index];
    const before = (await cursors.decode(listing, query.cursor))?.[sortKey];
    const reads = await Promise.all(partitions.map((partition) => newest(index, partition, before, query.limit + 1)));
    const positionOf = (item: Item) => String(item[sortKey]);
    const frontier = reads
      .flatMap((read) => (read.more && read.items.length > 0 ? [positionOf(read.items.at(-1)!)] : []))
      .sort(newestFirst)[0];
    const merged = reads
      .flatMap((read) => read.items)
      .filter((item) => frontier === undefined || positionOf(item) >= frontier)
      .sort((a, b) => newestFirst(positionOf(a), positionOf(b)));
    const items = merged.slice(0, query.limit);
    const last = items.at(-1);
    const more = merged.length > items.length || reads.some((read) => read.more);
    return { items, nextCursor: more && last ? await cursors.encode(listing, { [sortKey]: positionOf(last) }) : null };
  };

  const statusListing = (partition: string): Listing => ({ index: 'GSI4', partition, keys: [sortKeys.GSI4] });

  return {
    async byStatus(status, query) {
      const listing = statusListing(status ? orderStatusPartition(status) : ANY_STATUS);
      const partitions = status ? [listing.partition] : allStatuses.map(orderStatusPartition);
      const found = await page('GSI4', listing, partitions, query);
      return { items: await readOrders(db, table, found.items), nextCursor: found.nextCursor };
    },

    async byNumber(number) {
      const { Item: pointer } = await db.send(new GetCommand({ TableName: table, Key: orderNumberKey(number) }));
      if (!pointer) return undefined;
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: orderKeys(String(pointer.orderId)) }));
      return Item ? orderFromItem(Item) : undefined;
    },

    // Orders placed before GSI3 existed carry no email keys: they are not found here.
    async byEmail(email, query) {
      const partition = orderEmailPartition(email);
      const found = await page('GSI3', { index: 'GSI3', partition, keys: [sortKeys.GSI3] }, [partition], query);
      return { items: await readOrders(db, table, found.items), nextCursor: found.nextCursor };
    },
  };
};
