import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConflictError, UnprocessableError } from '#kernel/errors';

/** What an idempotent operation receives: the client's key, the request it guards, and the rest. */
export interface IdempotentInput {
  /** Scoped by the caller (e.g. cart id + Idempotency-Key) so keys of different carts never meet. */
  key: string;
  /** The request as sent; the same key with another request is refused. */
  request: unknown;
}

/**
 * Makes an operation idempotent with Powertools (DynamoDB persistence): the same key and request
 * return the stored result without running again; the same key with another request is a 422;
 * a duplicate arriving while the first still runs is a 409. Failures are not stored, so a
 * retry after an error runs again.
 */
export const idempotent = <I extends IdempotentInput, R>(
  operation: (input: I) => Promise<R>,
  options: { tableName: string; expiresAfterSeconds?: number },
) => {
  // Store the result as the JSON text the client receives: a replay is then byte for byte the
  // first response (a DynamoDB map would not keep the key order), and undefined fields, which
  // DynamoDB's marshaller refuses, disappear as they do on the wire.
  const asJson = async (input: I): Promise<string> => JSON.stringify(await operation(input));
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: options.expiresAfterSeconds ?? 24 * 3600,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(asJson, {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: options.tableName }),
    config,
  });
  return async (input: I, lambdaContext: Context): Promise<R> => {
    // The in-progress record then expires when this invocation would time out: a function
    // that dies halfway does not leave the key locked (409) for the whole retention.
    config.registerLambdaContext(lambdaContext);
    try {
      return JSON.parse(await run(input)) as R;
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new UnprocessableError('This Idempotency-Key was used with another request; use a new key.', [
          { path: 'header.idempotency-key', message: 'was used with another request' },
        ], { cause: error });
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new ConflictError('The same request is still being processed; retry in a moment.', [], { cause: error });
      }
      throw error;
    }
  };
};
