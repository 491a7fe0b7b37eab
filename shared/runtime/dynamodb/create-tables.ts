import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { domainTable, idempotencyTable, type GlobalIndex, type TableDefinition } from './tables';

const indexOf = (g: GlobalIndex): GlobalSecondaryIndex => ({
  IndexName: g.name,
  KeySchema: [
    { AttributeName: g.partitionKey, KeyType: 'HASH' },
    { AttributeName: g.sortKey, KeyType: 'RANGE' },
  ],
  Projection:
    typeof g.projection === 'object' ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projection.include] } : { ProjectionType: g.projection ?? 'ALL' },
});

const stringAttributes = (names: readonly (string | undefined)[]) =>
  [...new Set(names.filter((k): k is string => k !== undefined))].map((k) => ({ AttributeName: k, AttributeType: 'S' as const }));

/**
 * Creates a table from its definition, as the CDK stack would (on-demand, same keys, same GSIs
 * and projections, same TTL attribute). Used by the local runtime and the tests against DynamoDB
 * Local. A table that already exists (a persisted local database) gets the indexes added since.
 */
export const createTable = async (client: DynamoDBClient, name: string, def: TableDefinition): Promise<void> => {
  const keys = [def.partitionKey, def.sortKey, ...def.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: stringAttributes(keys),
        KeySchema: [
          { AttributeName: def.partitionKey, KeyType: 'HASH' },
          ...(def.sortKey ? [{ AttributeName: def.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        ...(def.globalIndexes.length > 0 && { GlobalSecondaryIndexes: def.globalIndexes.map(indexOf) }),
        ...(def.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }),
      }),
    );
  } catch (error) {
    // A persisted local database already has its tables.
    if (error instanceof ResourceInUseException) return addMissingIndexes(client, name, def);
    throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: name }));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
    }),
  );
};

/** One index per update, as DynamoDB allows: a database made before GSI4 existed gains it. */
const addMissingIndexes = async (client: DynamoDBClient, name: string, def: TableDefinition) => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const index of def.globalIndexes.filter((g) => !present.has(g.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: stringAttributes([index.partitionKey, index.sortKey]),
        GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }],
      }),
    );
  }
};

export const createTables = async (client: DynamoDBClient, names: { domain: string; idempotency: string }) => {
  await createTable(client, names.domain, domainTable);
  await createTable(client, names.idempotency, idempotencyTable);
};
