/**
 * The shapes of the wiring: what each bounded context declares in its `wiring.ts` (functions,
 * routes, queues, schedules, the events it publishes) and `shared/wiring.ts` composes. Typed
 * data only: no handler code.
 */
import type * as z from 'zod/mini';
import type { EventContract } from '#kernel/events';

/** What a function may touch; the CDK stack turns each into a least-privilege grant and its environment. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'idempotency'
  | 'bus:publish'
  | 'email:send'
  | 'stripe:secret'
  /** Verify customers' bearer tokens in the function (routes readable with a token or signed in). */
  | 'identity:verify'
  /** The server's own key: signs pagination cursors and derives order tokens (HMAC), never stored with data. */
  | 'signing:secret'
  /** Look at every worker queue's DLQ and move its messages back (the operators' dead-letter API). */
  | 'queues:operate'
  /** Sign time-limited download links to digital goods (S3 presigned GETs on the private downloads bucket). */
  | 'downloads:sign';

export interface FunctionSpec {
  /** `stream`: invoked with the domain table's stream (the outbox relay). */
  kind: 'http' | 'worker' | 'scheduled' | 'stream';
  description: string;
  grants: readonly Grant[];
  memoryMB?: number;
  timeoutSeconds?: number;
  /**
   * The domain-table items the function reaches, by partition key (IAM `dynamodb:LeadingKeys`
   * patterns: `*` matches any run of characters). The stack grants `table:read`/`table:write`
   * on these keys only; a function with a table grant must declare them.
   */
  tableKeys?: TableKeys;
  /** Prints PDFs with pdfkit: its standard fonts' metrics ship beside the bundle (infra/aws/bundling.ts). */
  pdf?: boolean;
}

/** Partition-key patterns of the items a function reads, writes and queries (see `FunctionSpec.tableKeys`). */
export interface TableKeys {
  /** Items read by key: GetItem, or a ConditionCheck in a transaction. */
  read?: readonly string[];
  /** Items written: PutItem, UpdateItem, DeleteItem, alone or in a transaction. */
  write?: readonly string[];
  /** Queries: an index's name, or `table` for the table itself → the partition keys queried. */
  query?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Who may call a route. `public`: anyone. `cart` / `order`: whoever holds the secret token of
 * that cart or order (checked by the use case; a wrong token is a 404); an `order` route also
 * accepts the signed-in customer who placed it (bearer token checked in the function, since the
 * gateway's authorizer cannot be optional). `customer` / `admin`: a JWT from the user pool,
 * checked by the API Gateway authorizer; `admin` also needs the `admin` group (checked in the
 * function, since the authorizer cannot read groups). `webhook`: a signed request from Stripe,
 * checked by the function.
 */
export type Auth = 'public' | 'cart' | 'order' | 'customer' | 'admin' | 'webhook';

export interface RouteSpec {
  function: string;
  auth: Auth;
  summary: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /**
   * The success status and its body: JSON, reduced to `schema`; or a file of `contentType`
   * (`application/pdf`), whose bytes the handler returns (see `FileBody` in http.ts).
   */
  response: { status: number; schema: z.ZodMiniType } | { status: number; contentType: string };
  /**
   * The `Idempotency-Key` header. `true`: every request carries one (400 without). `'optional'`:
   * for a route clients already call without one, which must keep working; a request that
   * carries a key is done once per key and body, as on the `true` routes.
   */
  idempotent?: true | 'optional';
  /** Hand the body to the function untouched (signature checks need the exact bytes). */
  rawBody?: boolean;
  /**
   * An `order` route that also takes the order token as `?token=`, checked as `X-Order-Token`
   * is: for documents linked from an email, since a mail client cannot send a header. Only
   * for such links: a token in a URL ends up in browser history.
   */
  tokenInQuery?: boolean;
  /**
   * This route's own API Gateway throttle (steady requests per second, and bucket size), below
   * the stage's default, for routes whose cost or abuse the default does not bound.
   */
  throttle?: { rateLimit: number; burstLimit: number };
  /**
   * The path as the contract writes it, where API Gateway cannot route it so: a parameter within
   * a segment (`/credit-notes/{number}.pdf`; a route's parameter is a whole segment). The OpenAPI
   * document shows this path and its `params`; a URL built from it is one the route serves.
   */
  documented?: { path: string; params: z.ZodMiniType };
}

/** An EventBridge event pattern, as the CDK stack and the local bus read it. */
export type EventPattern = { [field: string]: EventPattern | readonly PatternValue[] };
export type PatternValue = string | number | boolean | null | { [operator: string]: unknown };

/**
 * A worker's queue. The worker names the event contracts it consumes; its EventBridge rule
 * follows from them (sources and detail-types), narrowed by `filter` on the event's content.
 */
export interface QueueSpec {
  worker: string;
  description: string;
  consumes: readonly EventContract[];
  filter?: EventPattern;
  /** Longer than the worker's timeout, as Lambda requires. */
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the DLQ. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** At most this many concurrent invocations (event source mapping MaximumConcurrency, 2..1000). */
  maxConcurrency?: number;
}

export interface ScheduleSpec {
  description: string;
  /** EventBridge Scheduler expression; the local scheduler reads `rate(N minute[s])`. */
  expression: string;
  function: string;
}

/** What one bounded context declares. */
export interface ContextWiring {
  functions: Record<string, FunctionSpec>;
  routes: Record<string, RouteSpec>;
  queues: Record<string, QueueSpec>;
  schedules: Record<string, ScheduleSpec>;
  /** The events whose contract the context owns: the event catalog and the schema registry read these. */
  events: readonly EventContract[];
}
