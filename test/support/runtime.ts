import { inject } from 'vitest';
import { startLocalRuntime, type LocalRuntimeOptions } from '../../infra/local/runtime';

/**
 * The whole system on free ports, its tables in the run's one DynamoDB Local: a test file does not
 * start a Java process of its own (some 3 s each). `test/e2e/catalog.test.ts` still starts the
 * runtime as `npm start` does, Java included, to see it stop.
 */
export const startTestRuntime = (options: LocalRuntimeOptions = {}) =>
  startLocalRuntime({ port: 0, awsPort: 0, stripePort: 0, dynamoEndpoint: inject('dynamoEndpoint'), ...options });
