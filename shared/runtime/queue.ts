import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { BusEventSchema, detailSchema, type EventContract, type EventMetadata } from '#kernel/events';
import { logger } from './logger';
import { withSourceStack } from './source-stack';

/** What a worker does with one event of a given contract. */
export type EventHandler<C extends EventContract> = (data: z.infer<C['schema']>, metadata: EventMetadata) => Promise<void>;

export interface Subscription<C extends EventContract = EventContract> {
  contract: C;
  handle: EventHandler<C>;
}

/** Pairs a contract with its handler so the compiler checks the handler's input. */
export const on = <C extends EventContract>(contract: C, handle: EventHandler<C>): Subscription =>
  ({ contract, handle }) as unknown as Subscription;

/**
 * Reads one SQS record: the EventBridge event the rule delivered, validated against its
 * contract (consumers validate too: a producer's bug must not become a consumer's corruption).
 * A record that fails here throws, is retried, and ends in the DLQ.
 */
const handleRecord = (subscriptions: readonly Subscription[]) => {
  // Each contract's detail schema is built on its first event, then kept: not at load for every
  // contract a worker consumes, nor again for every record.
  const detailSchemas = new Map<EventContract, ReturnType<typeof detailSchema>>();
  const detailSchemaOf = (contract: EventContract) => {
    let schema = detailSchemas.get(contract);
    if (!schema) detailSchemas.set(contract, (schema = detailSchema(contract)));
    return schema;
  };
  return async (record: SQSRecord) => {
    const event = BusEventSchema.parse(JSON.parse(record.body));
    const subscription = subscriptions.find((s) => s.contract.name === event['detail-type'] && s.contract.source === event.source);
    if (!subscription) {
      logger.warn('no handler for event; acknowledged', { detailType: event['detail-type'] });
      return;
    }
    const detail = detailSchemaOf(subscription.contract).parse(event.detail);
    logger.appendKeys({ correlationId: detail.metadata.correlationId, eventId: detail.metadata.eventId });
    await subscription.handle(detail.data, detail.metadata);
  };
};

/**
 * A record that fails is logged with its stack mapped to the sources, then reported failed: its
 * message goes back to the queue (and, past `maxReceiveCount`, to the DLQ).
 */
const logFailures = (handle: (record: SQSRecord) => Promise<void>) => async (record: SQSRecord) => {
  try {
    await handle(record);
  } catch (error) {
    logger.error('event not applied; its message goes back to the queue', { messageId: record.messageId, error: withSourceStack(error) });
    throw error;
  }
};

/**
 * The middy chain every queue worker shares. Each record is processed on its own and only the
 * failed ones are reported back (`batchItemFailures`), so one bad message never makes Lambda
 * retry the nine good ones beside it.
 */
export const queueHandler = (subscriptions: readonly Subscription[]) => {
  const recordHandler = logFailures(handleRecord(subscriptions));
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) =>
      processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context }),
    );
};
