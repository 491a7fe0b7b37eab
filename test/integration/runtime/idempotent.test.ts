import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { dynamoDbClient } from '#runtime/clients';
import type { idempotent } from '#runtime/idempotency';
import { signingKey } from '#runtime/signing';
import { commandsSentBy, freshTables } from '../../support/dynamo';

const lambdaContext = { getRemainingTimeInMillis: () => 30_000 } as Context;

/** `idempotent` (#runtime/idempotency) on DynamoDB Local, through the function's own client. */
describe('an idempotent operation', () => {
  let tableName: string;
  let runtime: { idempotent: typeof idempotent; dynamoDbClient: typeof dynamoDbClient };

  beforeAll(async () => {
    // The tables first: the function's client reads its endpoint from the environment at import.
    tableName = (await freshTables()).names.idempotency;
    const [idempotency, clients] = await Promise.all([import('#runtime/idempotency'), import('#runtime/clients')]);
    runtime = { idempotent: idempotency.idempotent, dynamoDbClient: clients.dynamoDbClient };
  });

  it("runs once per key and request, answers a replay with the first result, and writes its records through the function's DynamoDB client", async () => {
    // Prepare
    const sent = commandsSentBy(runtime.dynamoDbClient);
    let runs = 0;
    const placeOrder = runtime.idempotent(async ({ request }: { key: string; request: { cartId: string } }) => ({ orderId: `ord_${request.cartId}`, run: ++runs }), {
      tableName,
      sealWith: signingKey('idempotency-test-signing-key-0123456789'),
    });
    const input = { key: 'cart-1:K-1', request: { cartId: 'cart-1' } };

    // Act
    const first = await placeOrder(input, lambdaContext);
    const replay = await placeOrder(input, lambdaContext);
    const otherRequest = await placeOrder({ ...input, request: { cartId: 'cart-2' } }, lambdaContext).catch((error: Error) => error.constructor.name);

    // Assess
    expect(first).toEqual({ orderId: 'ord_cart-1', run: 1 });
    expect(replay).toEqual(first);
    expect(runs).toBe(1);
    expect(otherRequest).toBe('UnprocessableError');
    // Powertools would otherwise build a client of its own: one more at load, and one more connection in AWS.
    expect(sent).toEqual(expect.arrayContaining(['PutItemCommand', 'UpdateItemCommand']));
  });
});
