import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDocumentClient } from './dynamodb/client';

/**
 * AWS clients, created once per process and shared by every invocation (connection reuse).
 * Endpoints come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, which the local
 * runtime sets; in Lambda they are unset and the SDK talks to AWS.
 */
export const documentClient = createDocumentClient();
export const eventBridgeClient = new EventBridgeClient({});
export const systemClock = (): Date => new Date();
