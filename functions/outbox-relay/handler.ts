import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { operationsFunctions } from '#operations/functions';
import { eventBridgeClient } from '#runtime/event-bridge-client';
import { loadFunctionConfig } from '#runtime/config';
import { logger } from '#runtime/logger';
import type { OutboxEntry } from '#runtime/outbox';
import { relayOutbox } from '#runtime/outbox-relay';
import { putEvents } from '#runtime/put-events';

const config = loadFunctionConfig(operationsFunctions, 'outbox-relay');
const publish = (entries: readonly OutboxEntry[]) => putEvents(eventBridgeClient, config.bus.EVENT_BUS_NAME, entries);

/** Invoked with the domain table's stream (new outbox items only): publishes each event once, with its id. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { batchItemFailures, published, errors } = await relayOutbox(event.Records, publish);
  if (errors.length > 0) logger.warn('some events could not be published yet; they will be retried', { published, errors });
  return { batchItemFailures };
};
