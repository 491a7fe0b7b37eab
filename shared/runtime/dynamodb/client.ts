import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client over a DynamoDB client, sharing its configuration and connections. A
 * function's pair is built once per process, in `#runtime/clients`; tests and the local runtime
 * build theirs over a client pointed at DynamoDB Local.
 */
export const createDocumentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

export type DocumentClient = ReturnType<typeof createDocumentClient>;
