/**
 * The DynamoDB floor: what every table-reading function cannot do without, a DocumentClient
 * built at load. Bundled with the deployed esbuild options, it is the reference a function's
 * cold start is compared to.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (): Promise<unknown> => db.config.region;
