import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local for the whole run, on a free port so a running `npm start` is not disturbed. */
export default async function setup(project: TestProject) {
  // Node 20 runs the tests; Lambda runs Node 24. The SDK's notice about Node 22 is not news here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
