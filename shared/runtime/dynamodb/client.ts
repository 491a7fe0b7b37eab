import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client, built once per process (module scope) so connections are reused across
 * invocations. The SDK reads `AWS_ENDPOINT_URL_DYNAMODB`, which the local runtime points at
 * DynamoDB Local; in Lambda it is unset.
 */
export const createDocumentClient = (client = new DynamoDBClient({})) =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

export type DocumentClient = ReturnType<typeof createDocumentClient>;
