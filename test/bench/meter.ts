/**
 * Counts what the functions ask of AWS while the local runtime runs in this process: an SDK
 * middleware, installed on every DynamoDB, EventBridge and SES client the first time it sends,
 * asks DynamoDB for `ReturnConsumedCapacity: 'TOTAL'` and records each request with the capacity
 * it consumed. Worker invocations run inside an AsyncLocalStorage naming their function, so
 * their requests are told apart from the HTTP function's; webhook deliveries are timed where the
 * Stripe emulator sends them (`fetch`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalQueue } from '../../infra/local/queue';
import { BILLED_FAILURES, failedWriteUnits, indexesOf, itemSize, storedItems, targetIndexUnits, targetWriteUnits, writeTargets, type Target } from './billing';

export interface Call {
  service: 'dynamodb' | 'eventbridge' | 'ses';
  operation: string;
  /** The worker that made it; undefined outside a worker (an HTTP function, the relay, the webhook). */
  fn: string | undefined;
  tables: string[];
  /** The kinds of item touched: each partition key up to its first `#` (CART, ORDER, RATE...). */
  items: string[];
  rcu: number;
  /** Write units as AWS bills them (see billing.ts) while billing is on, else as DynamoDB Local reports them. */
  wcu: number;
  /** While billing is on: each item written, by kind, with its table and (shared) index units; a failed write's items bill no index. */
  billedItems: { item: string; units: number; indexUnits: number; transactional: boolean }[];
  /** Write units as DynamoDB Local reports them. */
  reportedWcu: number;
  /** PutEvents: the detail-types sent. */
  detailTypes: string[];
  ok: boolean;
  /** The error's name when it failed (ConditionalCheckFailedException, TransactionCanceledException...). */
  error?: string;
  /** When it left (`performance.now()`), and how long it took. */
  startedAt: number;
  ms: number;
}

export interface Invocation {
  fn: string;
  ms: number;
  /** Queue messages in the batch (workers). */
  messages: number;
  /** The type of the Stripe event delivered (webhooks). */
  stripeEvent?: string;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** The document client's command names, as the DynamoDB operations they are. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
};

export const isRead = (operation: string) => READS.has(operation);
export const isWrite = (operation: string) => WRITES.has(operation);

type Capacity = ConsumedCapacity;
type Input = Record<string, unknown>;

const kind = (pk: unknown): string => {
  // The raw client (Powertools' idempotency layer) sends marshalled values: { S: '...' }.
  const value = pk && typeof pk === 'object' && 'S' in pk ? (pk as { S: unknown }).S : pk;
  return typeof value === 'string' ? (value.split('#')[0] ?? value) : '?';
};
/** The kinds of item a request touches, read from its (document client, unmarshalled) input. */
const itemsOf = (input: Input): string[] => {
  const key = (input.Key ?? input.Item) as Input | undefined;
  if (key) return [kind(key.PK ?? key.id)];
  if (typeof input.KeyConditionExpression === 'string') {
    const values = Object.values((input.ExpressionAttributeValues ?? {}) as Input);
    return [`${kind(values[0])}${input.IndexName ? ` (${String(input.IndexName)})` : ''}`];
  }
  // BatchGetItem: every key it reads, as a transaction's items are listed.
  const batch = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Input[] }>)[0];
  if (batch?.Keys) return batch.Keys.map((k) => kind(k.PK));
  const transact = input.TransactItems as Input[] | undefined;
  return (transact ?? []).map((t) => itemsOf(Object.values(t)[0] as Input)[0] ?? '?');
};
/** The kind of item a billed write touches, as `items` names it. */
const kindOfTarget = (t: Target): string => (t.table.includes('idempotency') ? 'idempotency record' : kind(t.key.PK ?? t.key.id));
type Stack = { add: (mw: unknown, options: Record<string, unknown>) => void };
type Sender = { prototype: { send: (...args: unknown[]) => unknown } };

export const createMeter = () => {
  const calls: Call[] = [];
  const invocations: Invocation[] = [];
  const worker = new AsyncLocalStorage<string>();
  let lastActivity = performance.now();
  let inFlight = 0;
  /** Passes of the local table stream (each begins with a DescribeStream) begun since the last write came back. */
  let streamPassesSinceWrite = Infinity;
  const instrumented = new WeakSet<object>();
  /** The uncounted client that reads items around each write while billing is on. */
  let billing: DynamoDBClient | undefined;

  const middleware =
    (service: Call['service']) =>
    (next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      const name = context.commandName ?? 'unknown';
      const operation = DOCUMENT_COMMANDS[name] ?? name.replace(/Command$/, '');
      if (service === 'dynamodb' && (isRead(operation) || isWrite(operation))) args.input.ReturnConsumedCapacity = 'INDEXES';
      const call: Call = { service, operation, fn: worker.getStore(), tables: [], items: service === 'dynamodb' ? itemsOf(args.input) : [], rcu: 0, wcu: 0, billedItems: [], reportedWcu: 0, detailTypes: [], ok: false, startedAt: 0, ms: 0 };
      if (service === 'eventbridge') call.detailTypes = ((args.input.Entries as { DetailType?: string }[] | undefined) ?? []).map((e) => e.DetailType ?? '');
      const billed = billing && service === 'dynamodb' && isWrite(operation) ? { client: billing, targets: writeTargets(operation, args.input) } : undefined;
      const before = billed ? await storedItems(billed.client, billed.targets) : [];
      const transactional = operation === 'TransactWriteItems';
      const started = performance.now();
      call.startedAt = started;
      inFlight++;
      try {
        const result = await next(args);
        call.ms = performance.now() - started;
        const consumed = [(result.output.ConsumedCapacity as Capacity | Capacity[] | undefined) ?? []].flat();
        for (const c of consumed) {
          if (c.TableName) call.tables.push(c.TableName);
          if (isRead(operation)) call.rcu += c.CapacityUnits ?? 0;
          else call.reportedWcu += c.CapacityUnits ?? 0;
        }
        call.wcu = call.reportedWcu;
        if (billed) {
          const after = await storedItems(billed.client, billed.targets);
          const units = targetWriteUnits(billed.targets, before.map(itemSize), after.map(itemSize), transactional);
          const indexUnits = targetIndexUnits(consumed, billed.targets.map((_, i) => [...new Set([...indexesOf(before[i]!), ...indexesOf(after[i]!)])]));
          call.billedItems = billed.targets.map((t, i) => ({ item: kindOfTarget(t), units: units[i]!, indexUnits: indexUnits[i]!, transactional }));
          call.wcu = call.billedItems.reduce((s, b) => s + b.units + b.indexUnits, 0);
        }
        call.ok = true;
        return result;
      } catch (error) {
        call.error = error instanceof Error ? error.name : String(error);
        // AWS bills a write refused by its condition, and a cancelled transaction (billing.ts).
        if (billed && BILLED_FAILURES.has(call.error)) {
          const units = failedWriteUnits(billed.targets, before.map(itemSize), transactional);
          call.billedItems = billed.targets.map((t, i) => ({ item: kindOfTarget(t), units: units[i]!, indexUnits: 0, transactional }));
          call.wcu = units.reduce((a, b) => a + b, 0);
        }
        throw error;
      } finally {
        if (service === 'dynamodb' && call.tables.length === 0) {
          const table = args.input.TableName;
          if (typeof table === 'string') call.tables.push(table);
        }
        if (!call.ok) call.ms = performance.now() - started;
        if (service === 'dynamodb' && isWrite(operation)) streamPassesSinceWrite = 0;
        calls.push(call);
        inFlight--;
        lastActivity = performance.now();
      }
    };

  const install = (client: Sender, service: Call['service']) => {
    const send = client.prototype.send;
    client.prototype.send = function (this: { middlewareStack: Stack }, ...args: unknown[]) {
      // The document client shares its DynamoDB client's stack: one install serves both.
      if (!instrumented.has(this.middlewareStack)) {
        instrumented.add(this.middlewareStack);
        this.middlewareStack.add(middleware(service), { step: 'initialize', name: 'benchMeter', override: true });
      }
      return send.apply(this, args);
    };
  };
  install(DynamoDBClient as unknown as Sender, 'dynamodb');
  install(DynamoDBDocumentClient as unknown as Sender, 'dynamodb');
  install(EventBridgeClient as unknown as Sender, 'eventbridge');
  install(SESv2Client as unknown as Sender, 'ses');
  // The local runtime reads the table's stream in passes, each over every shard after a
  // DescribeStream (infra/local/table-stream.ts): a pass begun after a write sees its records.
  const streamSend = (DynamoDBStreamsClient as unknown as Sender).prototype.send;
  (DynamoDBStreamsClient as unknown as Sender).prototype.send = function (this: unknown, ...args: unknown[]) {
    if ((args[0] as object | undefined)?.constructor.name === 'DescribeStreamCommand') streamPassesSinceWrite++;
    return streamSend.apply(this, args);
  };

  /** Runs each queue's worker invocations inside the worker's name, and times them. */
  const instrumentQueues = (queues: Record<string, LocalQueue>, workerOf: (queue: string) => string) => {
    for (const [name, queue] of Object.entries(queues)) {
      const target = queue as unknown as { invoke: (w: unknown, batch: unknown[]) => Promise<unknown> };
      const invoke = target.invoke.bind(queue);
      const fn = workerOf(name);
      target.invoke = async (w, batch) => {
        const started = performance.now();
        inFlight++;
        try {
          return await worker.run(fn, () => invoke(w, batch));
        } finally {
          invocations.push({ fn, ms: performance.now() - started, messages: batch.length });
          inFlight--;
          lastActivity = performance.now();
        }
      };
    }
  };

  /** Times every delivery of a webhook to this URL (the emulator posts with the global fetch). */
  const instrumentWebhooks = (webhookUrl: string, fn: string) => {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith(webhookUrl)) return original(input, init);
      const started = performance.now();
      inFlight++;
      try {
        return await original(input, init);
      } finally {
        const body = typeof init?.body === 'string' ? init.body : '';
        const stripeEvent = body ? (JSON.parse(body) as { type?: string }).type : undefined;
        invocations.push({ fn, ms: performance.now() - started, messages: 0, ...(stripeEvent && { stripeEvent }) });
        inFlight--;
        lastActivity = performance.now();
      }
    };
  };

  /**
   * Resolves once nothing was sent nor invoked for `quietMs`, every queue is empty, and the table's
   * stream has been read through since the last write (a whole pass begun after it, so that the
   * relay has been handed what the write put there: on a loaded machine a pass can outlast
   * `quietMs`). The deadline only bounds a runtime that never settles (a queue failing for good).
   */
  const settle = async (queues: Record<string, LocalQueue>, quietMs = 300, timeoutMs = 60_000) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const empty = Object.values(queues).every((q) => q.depth === 0);
      // Two pass starts since the write: the first pass begun after it has ended.
      if (empty && inFlight === 0 && streamPassesSinceWrite >= 2 && performance.now() - lastActivity >= quietMs) return;
      if (performance.now() > deadline) throw new Error(`The local runtime did not settle within ${timeoutMs / 1000} s (a queue keeps failing?).`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /**
   * Bills writes by item size (billing.ts) from now on, reading items through DynamoDB at
   * `endpoint` with a client of its own, which is not counted; `stopBilling` ends it.
   */
  const billByItemSize = (endpoint: string) => {
    billing = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    instrumented.add(billing.middlewareStack);
  };
  const stopBilling = () => {
    billing?.destroy();
    billing = undefined;
  };

  return { calls, invocations, instrumentQueues, instrumentWebhooks, settle, billByItemSize, stopBilling, mark: () => ({ calls: calls.length, invocations: invocations.length }) };
};

export type Meter = ReturnType<typeof createMeter>;
