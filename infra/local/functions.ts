import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionName } from '#wiring';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<FunctionName, Promise<Handler>>();

/**
 * The same handler module Lambda runs, imported once (a warm container) and called with a
 * Lambda-like context. Import happens after the runtime has set the environment, since each
 * function reads its configuration once, at load.
 */
export const invoke = async (name: FunctionName, event: unknown): Promise<unknown> => {
  let handler = loaded.get(name);
  if (!handler) {
    handler = import(`../../functions/${name}/handler.ts`).then((m: { handler: Handler }) => m.handler);
    loaded.set(name, handler);
  }
  const requestId = randomUUID();
  const deadline = Date.now() + 30_000;
  const context = {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } satisfies Context;
  return (await handler)(event, context);
};
