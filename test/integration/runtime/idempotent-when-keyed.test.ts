import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { dynamoDbClient } from '#runtime/clients';
import type { idempotentWhenKeyed } from '#runtime/idempotent-when-keyed';
import { signingKey, type SigningKey } from '#runtime/signing';
import { commandsSentBy, freshTables } from '../../support/dynamo';

const lambdaContext = { getRemainingTimeInMillis: () => 30_000 } as Context;

/** A signing key source that counts its reads, and fails the reads it is told to. */
const keySource = () => {
  const state = { reads: 0, failNext: 0 };
  const read = async (): Promise<SigningKey> => {
    state.reads += 1;
    if (state.failNext > 0) {
      state.failNext -= 1;
      throw new Error('Secrets Manager did not answer');
    }
    return signingKey('idempotency-test-signing-key-0123456789');
  };
  return { read, state };
};

/** `idempotentWhenKeyed` (#runtime/idempotent-when-keyed) on DynamoDB Local: a route whose Idempotency-Key is optional. */
describe('an operation whose Idempotency-Key is optional', () => {
  let tableName: string;
  let runtime: { idempotentWhenKeyed: typeof idempotentWhenKeyed; dynamoDbClient: typeof dynamoDbClient };

  beforeAll(async () => {
    // The tables first: the function's client reads its endpoint from the environment at import.
    tableName = (await freshTables()).names.idempotency;
    const [keyed, clients] = await Promise.all([import('#runtime/idempotent-when-keyed'), import('#runtime/clients')]);
    runtime = { idempotentWhenKeyed: keyed.idempotentWhenKeyed, dynamoDbClient: clients.dynamoDbClient };
  });

  /** An operation that moves a counter by the request's delta, and says which run it was. */
  const counter = (keyPrefix: string, key = keySource()) => {
    const state = { runs: 0 };
    const move = runtime.idempotentWhenKeyed(async ({ request }: { key: string | undefined; request: { delta: number } }) => ({ run: ++state.runs, delta: request.delta }), {
      tableName,
      sealWith: key.read,
      keyPrefix,
    });
    return { move, state, key: key.state };
  };

  it('without a key, runs every request, as before the route took keys: no idempotency record, no signing key read', async () => {
    // Prepare
    const sent = commandsSentBy(runtime.dynamoDbClient);
    const { move, state, key } = counter('no-key');

    // Act
    const answers = [await move({ key: undefined, request: { delta: 1 } }, lambdaContext), await move({ key: undefined, request: { delta: 1 } }, lambdaContext)];

    // Assess
    expect(answers).toEqual([{ run: 1, delta: 1 }, { run: 2, delta: 1 }]);
    expect(state.runs).toBe(2);
    expect(key.reads).toBe(0);
    expect(sent).toEqual([]);
  });

  it('with a key, runs once per key and request: a replay answers the first result, another request under the key is a 422', async () => {
    // Prepare
    const { move, state, key } = counter('once');
    const input = { key: 'sku-1:K-1', request: { delta: 1 } };

    // Act
    const first = await move(input, lambdaContext);
    const replay = await move(input, lambdaContext);
    const otherRequest = await move({ ...input, request: { delta: 2 } }, lambdaContext).catch((error: { constructor: { name: string }; errors: unknown }) => [error.constructor.name, error.errors]);
    const otherKey = await move({ ...input, key: 'sku-2:K-1' }, lambdaContext);

    // Assess
    expect(first).toEqual({ run: 1, delta: 1 });
    expect(replay).toEqual(first);
    expect(otherRequest).toEqual(['UnprocessableError', [{ path: 'header.idempotency-key', message: 'was used with another request' }]]);
    expect(otherKey).toEqual({ run: 2, delta: 1 });
    expect(state.runs).toBe(2);
    // The key that seals the records, read by the first request with a key and kept.
    expect(key.reads).toBe(1);
  });

  it('keeps the records of two operations apart by their prefix, though their keys are the same', async () => {
    const returns = counter('POST /orders/{orderId}/returns');
    const refunds = counter('POST /admin/orders/{orderId}/refunds');
    const input = { key: 'order-1:K-1', request: { delta: 1 } };
    await returns.move(input, lambdaContext);
    await refunds.move(input, lambdaContext);
    await returns.move(input, lambdaContext);
    expect({ returns: returns.state.runs, refunds: refunds.state.runs }).toEqual({ returns: 1, refunds: 1 });
  });

  it('does nothing when the signing key cannot be read, and reads it again for the next request', async () => {
    const { move, state, key } = counter('key-read-fails');
    key.failNext = 1;
    await expect(move({ key: 'sku-1:K-1', request: { delta: 1 } }, lambdaContext)).rejects.toThrow('Secrets Manager did not answer');
    expect(state.runs).toBe(0);
    expect(await move({ key: 'sku-1:K-1', request: { delta: 1 } }, lambdaContext)).toEqual({ run: 1, delta: 1 });
    expect(key.reads).toBe(2);
  });
});
