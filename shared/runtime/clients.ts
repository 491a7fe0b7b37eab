import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from './dynamodb/client';

/**
 * The DynamoDB document client, created once per process and shared by every invocation
 * (connection reuse). Endpoints come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables,
 * which the local runtime sets; in Lambda they are unset and the SDK talks to AWS. Each client
 * has its own module (EventBridge: `event-bridge-client.ts`), so a function bundles and builds
 * only the clients it imports.
 */
export const dynamoDbClient = new DynamoDBClient({});

/** The same client, marshalling plain objects: what the adapters use (one connection pool for both). */
export const documentClient = createDocumentClient(dynamoDbClient);
