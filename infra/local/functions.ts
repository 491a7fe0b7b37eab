import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { functions, type FunctionName, type FunctionSpec } from '#wiring';

/** A function's timeout when its spec names none: CommerceFunction's default, as deployed. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** The timeout the function is deployed with, in seconds. */
export const timeoutSecondsOf = (name: FunctionName): number => (functions as Record<string, FunctionSpec>)[name]?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<FunctionName, Promise<Handler>>();

const load = (name: FunctionName): Promise<Handler> => {
  let handler = loaded.get(name);
  if (!handler) {
    handler = import(`../../functions/${name}/handler.ts`).then((m: { handler: Handler }) => m.handler);
    loaded.set(name, handler);
  }
  return handler;
};

/**
 * Imports these functions now, as Lambda runs a function's init phase before its first
 * invocation: the import (and what a handler does at load) does not count against the
 * function's timeout, so a queue's first batch is not timed out by a cold import.
 */
export const preload = async (names: readonly FunctionName[]): Promise<void> => {
  await Promise.all(names.map(load));
};

/**
 * The same handler module Lambda runs, imported once (a warm container) and called with a
 * Lambda-like context whose remaining time counts down from the function's own timeout (what
 * Powertools' idempotency holds a request in progress for). Import happens after the runtime has
 * set the environment, since each function reads its configuration once, at load.
 */
export const invoke = async (name: FunctionName, event: unknown): Promise<unknown> => {
  const handler = load(name);
  const requestId = randomUUID();
  const deadline = Date.now() + timeoutSecondsOf(name) * 1000;
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
