import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../../infra/local/dynamodb';
import * as ports from '../../../infra/local/ports';

/**
 * DynamoDB Local's Java binds its port itself, a second or so after the port was found free: a
 * port the kernel picked may be taken meanwhile. Here it is taken for certain: the first port
 * handed out is one a server already listens on.
 */
let blocker: Server | undefined;
let dynamo: RunningDynamoDb | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await dynamo?.stop();
  dynamo = undefined;
  await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
  blocker = undefined;
});

/** A port something else listens on (and hangs up on whoever calls). */
const takenPort = async () => {
  blocker = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', r));
  return (blocker.address() as { port: number }).port;
};

/** `requireFreePort` answering `taken` the first time, as if it had been free when looked at. */
const firstAnswer = (taken: number) => {
  const real = ports.requireFreePort;
  let calls = 0;
  return vi.spyOn(ports, 'requireFreePort').mockImplementation((port, what) => (calls++ === 0 ? Promise.resolve(taken) : real(port, what)));
};

describe('DynamoDB Local on a port taken before Java binds it', () => {
  it('asked for any port (0): tries another, and answers there', async () => {
    const taken = await takenPort();
    const picks = firstAnswer(taken);
    dynamo = await startDynamoDbLocal({ port: 0 });
    expect(picks).toHaveBeenCalledTimes(2);
    expect(dynamo.port).not.toBe(taken);
    const listed = await fetch(dynamo.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: 'AWS4-HMAC-SHA256 Credential=local/20261207/eu-west-3/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      body: '{}',
    });
    expect(listed.status).toBe(200);
  }, 60_000);

  it('asked for that port: fails, saying so, without trying another', async () => {
    const taken = await takenPort();
    const picks = firstAnswer(taken);
    await expect(startDynamoDbLocal({ port: taken })).rejects.toThrow('DynamoDB Local exited with code 1 while starting.');
    expect(picks).toHaveBeenCalledTimes(1);
  }, 60_000);
});
