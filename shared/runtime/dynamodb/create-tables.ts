import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { domainTable, idempotencyTable, type TableDefinition } from './tables';

/**
 * Creates a table from its definition, as the CDK stack would (on-demand, same keys, same GSIs,
 * same TTL attribute). Used by the local runtime and the tests against DynamoDB Local.
 */
export const createTable = async (client: DynamoDBClient, name: string, def: TableDefinition): Promise<void> => {
  const keys = [def.partitionKey, def.sortKey, ...def.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]
    .filter((k): k is string => k !== undefined);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Set(keys)].map((k) => ({ AttributeName: k, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: def.partitionKey, KeyType: 'HASH' },
          ...(def.sortKey ? [{ AttributeName: def.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        ...(def.globalIndexes.length > 0 && {
          GlobalSecondaryIndexes: def.globalIndexes.map((g) => ({
            IndexName: g.name,
            KeySchema: [
              { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }),
        ...(def.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }),
      }),
    );
  } catch (error) {
    // A persisted local database already has its tables.
    if (error instanceof ResourceInUseException) return;
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

export const createTables = async (client: DynamoDBClient, names: { domain: string; idempotency: string }) => {
  await createTable(client, names.domain, domainTable);
  await createTable(client, names.idempotency, idempotencyTable);
};
