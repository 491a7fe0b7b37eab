/**
 * The shape of the two tables, declared once: the CDK stack creates them from this, and the
 * local runtime and the tests create the same tables in DynamoDB Local from it.
 */
export interface TableDefinition {
  partitionKey: string;
  sortKey?: string;
  /** Epoch seconds; DynamoDB deletes the item some time after (days in AWS, never locally). */
  ttlAttribute: string;
  globalIndexes: readonly { name: string; partitionKey: string; sortKey: string }[];
  /** A stream of new item images: the outbox relay reads it. */
  stream?: 'NEW_IMAGE';
}

/**
 * The domain table (single-table design). Items are overloaded on PK/SK; the two GSIs serve
 * listings: GSI1 = products of the catalog / orders of a customer, GSI2 = products of a category /
 * orders by status. The key builders in `keys.ts` are the only code that knows these shapes.
 */
export const domainTable: TableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  stream: 'NEW_IMAGE',
};

/** Idempotency records, with the attribute names Powertools' DynamoDB persistence layer uses. */
export const idempotencyTable: TableDefinition = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  globalIndexes: [],
};
