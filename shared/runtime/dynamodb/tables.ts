/**
 * A global secondary index. `projection` is what it copies of each item: `ALL` (the default) for
 * listings read straight from the index, `KEYS_ONLY` for one whose hits are then read from the
 * table, which keeps its writes small; `include` adds a few attributes to the keys (an index
 * write happens only when a projected attribute changes, and costs the size of the copy).
 */
export interface GlobalIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection?: 'ALL' | 'KEYS_ONLY' | { include: readonly string[] };
}

/**
 * The shape of the two tables, declared once: the CDK stack creates them from this, and the
 * local runtime and the tests create the same tables in DynamoDB Local from it.
 */
export interface TableDefinition {
  partitionKey: string;
  sortKey?: string;
  /** Epoch seconds; DynamoDB deletes the item some time after (days in AWS, never locally). */
  ttlAttribute: string;
  globalIndexes: readonly GlobalIndex[];
  /** A stream of new item images: the outbox relay reads it. */
  stream?: 'NEW_IMAGE';
}

/**
 * The domain table (single-table design). Items are overloaded on PK/SK; the GSIs serve
 * listings: GSI1 = products of the catalog / orders of a customer, GSI2 = products of a category
 * (and refunds due, and the refunds that succeeded, by date), GSI3 = orders by their customer's
 * email (sparse, keys only: the back office reads the orders it finds by key), GSI4 = orders by
 * status (keys and payment deadline only).
 * Orders placed before GSI4 existed sit in GSI2 by status until their next status change moves
 * them (see `transitionOrder`). The key builders in `keys.ts` are the only code that knows
 * these shapes.
 */
export const domainTable: TableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK', projection: 'KEYS_ONLY' },
    // Orders by status: their keys and payment deadline, about 150 bytes, instead of a copy of
    // the whole order (2-4 KB) deleted and put again at every status change, as GSI2 did.
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK', projection: { include: ['paymentDueAt'] } },
  ],
  stream: 'NEW_IMAGE',
};

/** Idempotency records, with the attribute names Powertools' DynamoDB persistence layer uses. */
export const idempotencyTable: TableDefinition = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  globalIndexes: [],
};
