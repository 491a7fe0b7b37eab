import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local for the whole run, on a free port so a running `npm start` is not disturbed. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
